#!/usr/bin/env python3
"""A province-sized registry for the scale benchmark (issue 8), deterministic for a given --seed.

Writes PostgreSQL COPY text files (tab-separated, \\N for null) into --out, one per table:

  community:  site, household, person                        (the registry itself)
  copies:     registry_site, registry_household, registry_person   (monitoring, employment and industry each load
              the same files: the copies as community's events would have left them, ID numbers hashed with the
              service's key and masked, birth year only)
  monitoring: visit (this month and last), risk, declaration, monitoring_case
  tasks:      assistance_task.employment, assistance_task.industry (one task per open risk, by domain)

Scale: --households (default 400 000) households of 2..8 members, paired so the people total exactly 5 per household
(2 000 000), in --sites (default 500) sites spread over the 25 townships of Xingguo County (兴国县, 360732); every ID
number is a valid GB 11643 number (check digit, real birth date, gender digit agreeing with the member) and unique;
names are drawn from the surnames and given-name characters common in the county.

  deploy/bench/province.py --out .local/bench/province [--households N] [--sites S] [--seed K]
      [--id-hash-key KEY] [--month 2026-11]
"""
import argparse, datetime, hashlib, hmac, os, random, uuid

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
C = "10X98765432"
# Xingguo County's towns (镇, 1xx) and townships (乡, 2xx), GB/T 10114 codes, with the short code used in site codes
TOWNSHIPS = [("100", "潋江镇", "LJ"), ("101", "江背镇", "JB"), ("102", "古龙岗镇", "GLG"), ("103", "梅窖镇", "MJ"),
             ("104", "高兴镇", "GX"), ("105", "良村镇", "LC"), ("106", "龙口镇", "LK"), ("200", "兴江乡", "XJ"),
             ("201", "樟木乡", "ZM"), ("202", "东村乡", "DC"), ("203", "兴莲乡", "XL"), ("204", "杰村乡", "JC"),
             ("205", "社富乡", "SF"), ("206", "埠头乡", "BT"), ("207", "永丰乡", "YF"), ("208", "隆坪乡", "LP"),
             ("209", "均村乡", "JCX"), ("210", "茶园乡", "CY"), ("211", "崇贤乡", "CX"), ("212", "枫边乡", "FB"),
             ("213", "南坑乡", "NK"), ("214", "城岗乡", "CG"), ("215", "方太乡", "FT"), ("216", "鼎龙乡", "DL"),
             ("217", "长冈乡", "CGX")]
SURNAMES = "刘陈李钟谢王黄曾张温肖邱罗胡廖邓赖傅朱杨何吴郭彭徐孙周蔡欧阳".replace("欧阳", "") + "凌"
SURNAMES = list(SURNAMES) + ["欧阳"]
MALE = "建国军华明强伟平荣生文福林春海金辉祥发勇兵德志永远东"
FEMALE = "秀英兰芳玉梅丽娟萍红华霞凤琴桂珍燕莲娇春香花云"
NULL = "\\N"


def check_digit(body):
    return C[sum(int(x) * w for x, w in zip(body, W)) % 11]


class Ids:
    """Unique valid ID numbers: per birth date, odd sequence numbers for men and even ones for women."""

    def __init__(self):
        self.used = {}

    def make(self, birth, male):
        key = (birth, male)
        n = self.used.get(key, 0)
        self.used[key] = n + 1
        seq = n * 2 + (1 if male else 0)
        if seq > 999:  # that date is full for this gender: the next day
            return self.make(birth + datetime.timedelta(days=1), male)
        body = f"360732{birth:%Y%m%d}{seq:03d}"
        return body + check_digit(body), birth


def name(rnd, surname, male):
    chars = MALE if male else FEMALE
    return surname + "".join(rnd.choice(chars) for _ in range(rnd.choice((1, 2, 2))))


def row(*cols):
    return "\t".join(NULL if c is None else str(c) for c in cols) + "\n"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--households", type=int, default=400_000)
    p.add_argument("--sites", type=int, default=500)
    p.add_argument("--seed", type=int, default=8)
    p.add_argument("--id-hash-key", default=os.environ.get("RESETTLE_PRIVACY_ID_HASH_KEY",
                                                           "resettle-dev-only-id-hash-key-change-me"))
    p.add_argument("--month", default=datetime.date.today().strftime("%Y-%m"))
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    rnd = random.Random(a.seed)
    uid = lambda: uuid.UUID(int=rnd.getrandbits(128), version=4)
    key = a.id_hash_key.encode()
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()
    today = datetime.date.today()
    year, mon = map(int, a.month.split("-"))
    last_month = f"{year - 1}-12" if mon == 1 else f"{year}-{mon - 1:02d}"
    files = {n: open(os.path.join(a.out, n + ".tsv"), "w", encoding="utf-8", buffering=1 << 20) for n in
             ["site", "household", "person", "registry_site", "registry_household", "registry_person", "visit", "risk",
              "declaration", "monitoring_case", "assistance_task.employment", "assistance_task.industry"]}

    sites = []
    for i in range(a.sites):
        code, tname, short = TOWNSHIPS[i % len(TOWNSHIPS)]
        n = i // len(TOWNSHIPS) + 1
        sid, scode, township = uid(), f"XG-{short}-{n:03d}", "360732" + code
        sname = f"{tname}{rnd.choice('东南西北中新')}{rnd.choice(['安居', '幸福', '和谐', '振兴', '康居', '福民'])}小区{n}期"
        area = "URBAN" if code.startswith("1") else "RURAL"
        planned = a.households // a.sites
        files["site"].write(row(sid, 0, scode, sname, "360732", township, area, f"兴国县{sname}",
                                name(rnd, rnd.choice(SURNAMES), True), f"139{rnd.randrange(10**8):08d}", planned,
                                planned * 5, "ACTIVE", now, now))
        files["registry_site"].write(row(sid, 0, scode, sname, "360732", township, area, "ACTIVE", now))
        sites.append((sid, scode, township))

    ids = Ids()
    people = 0
    risk_no = 0
    for h in range(a.households):
        sid, scode, township = sites[h % len(sites)]
        hid = uid()
        hno = f"XG{township[6:]}{h:07d}"
        size = (2 + h // 2 % 7) if h % 2 == 0 else (8 - (h - 1) // 2 % 7)  # pairs (s, 10 - s): 5 on average
        relocation = "POVERTY" if rnd.random() < 0.8 else "SYNCHRONOUS"
        status = "ACTIVE" if rnd.random() < 0.98 else "MOVED_OUT"
        phone = f"1{rnd.choice('3578')}{rnd.randrange(10**9):09d}"
        files["household"].write(row(hid, 0, hno, sid, scode, township, relocation, "CENTRALIZED",
                                     rnd.choice(["APARTMENT", "ONE_HOUSE"]), rnd.choice([60, 80, 100, 120]),
                                     f"兴国县{TOWNSHIPS[rnd.randrange(25)][1]}{rnd.choice('上下东西')}坑村",
                                     "360732" + TOWNSHIPS[rnd.randrange(25)][0] + "201", 120, rnd.randint(0, 5),
                                     rnd.randint(0, 20), phone, datetime.date(2017 + rnd.randrange(4), 12, 1), status,
                                     None if status == "ACTIVE" else today.replace(day=1),
                                     None if status == "ACTIVE" else "投亲靠友", now, now))
        surname = rnd.choice(SURNAMES)
        head_birth = datetime.date(1950, 1, 1) + datetime.timedelta(days=rnd.randrange(365 * 40))
        members = []
        labours = []
        for m in range(size):
            if m == 0:
                rel, male, birth = "HEAD", rnd.random() < 0.85, head_birth
            elif m == 1:
                rel, male = "SPOUSE", None
                birth = head_birth + datetime.timedelta(days=rnd.randrange(-1500, 1500))
            elif m == 2 and size > 4:
                rel, male = "PARENT", rnd.random() < 0.5
                birth = head_birth - datetime.timedelta(days=365 * 25 + rnd.randrange(3000))
            else:
                rel, male = "CHILD", rnd.random() < 0.52
                birth = head_birth + datetime.timedelta(days=365 * 22 + rnd.randrange(365 * 15))
            if male is None:
                male = not members[0][2]
            birth = min(birth, today - datetime.timedelta(days=400))
            idn, birth = ids.make(birth, male)
            age = (today - birth).days // 365
            if age < 16:
                labour, job = "NONE", "STUDENT" if age >= 6 else "NOT_APPLICABLE"
            elif age >= 65:
                labour, job = "NONE", "NOT_APPLICABLE"
            elif rnd.random() < 0.12:
                labour, job = "WEAK", rnd.choice(["FARMING", "UNEMPLOYED", "PUBLIC_WELFARE_POST"])
            else:
                labour = "FULL"
                job = rnd.choices(["EMPLOYED_LOCAL", "EMPLOYED_OUTSIDE", "SELF_EMPLOYED", "FARMING", "UNEMPLOYED"],
                                  [35, 35, 8, 12, 10])[0]
            pname = name(rnd, surname if rel in ("HEAD", "CHILD") else rnd.choice(SURNAMES), male)
            health = rnd.choices(["HEALTHY", "CHRONIC", "SERIOUS_ILLNESS", "DISABLED"], [88, 8, 2, 2])[0]
            pid = uid()
            education = "PRESCHOOL" if age < 7 else rnd.choice(["PRIMARY", "JUNIOR", "JUNIOR", "SENIOR", "VOCATIONAL"])
            files["person"].write(row(pid, 0, hid, m + 1, idn, pname, "M" if male else "F", birth, rel, education,
                                      health, 1 if health == "DISABLED" else None, labour, None, job, None,
                                      "广东省东莞市" if job == "EMPLOYED_OUTSIDE" else None,
                                      f"1{rnd.choice('3578')}{rnd.randrange(10**9):09d}" if age >= 16 else None,
                                      "ACTIVE", now))
            hashed = hmac.new(key, idn.encode("ascii"), hashlib.sha256).hexdigest()
            members.append((pid, hashed, male))
            labours.append(labour)
            files["registry_person"].write(row(pid, hid, hashed, idn[:6] + "********" + idn[-4:], pname,
                                               "M" if male else "F", birth.year, rel, labour, job, health, "ACTIVE"))
        people += size
        files["registry_household"].write(row(hid, 0, hno, sid, scode, township, relocation, "CENTRALIZED", status,
                                              size, 1, None, now))
        if status != "ACTIVE":
            continue
        # monthly visits: everyone last month, 60 % so far this month (the rest is the unvisited list)
        for month, share in ((last_month, 1.0), (a.month, 0.6)):
            if rnd.random() < share:
                day = datetime.date(int(month[:4]), int(month[5:]), 1 + rnd.randrange(20))
                files["visit"].write(row(uid(), hid, hno, township, scode, month, min(day, today), "site.worker", size,
                                         rnd.randint(9000, 30000), rnd.randint(0, 5000), None, None, None, "f", "f",
                                         "f", None, None, "t", "t", "t", None, now))
        # 5 % have an open risk; its tasks go to employment (job loss, income) or industry
        if rnd.random() < 0.05:
            risk_no += 1
            rid = uid()
            category = rnd.choice(["INCOME_DROP", "JOB_LOSS", "MEDICAL_EXPENSE", "ILLNESS"])
            flagged = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=risk_no)
            files["risk"].write(row(rid, 0, hid, hno, township, scode, category, "VISIT",
                                    rnd.choice(["LOW", "MEDIUM", "HIGH"]), "人均纯收入低于监测线", "OPEN", a.month,
                                    flagged.isoformat(), "site.worker", None, None, "f"))
            domain = "employment" if category in ("JOB_LOSS", "INCOME_DROP") else "industry"
            dept = "县人社局" if domain == "employment" else "县农业农村局"
            kind = "JOB_PLACEMENT" if domain == "employment" else "INDUSTRY_SUPPORT"
            deadline = today + datetime.timedelta(days=rnd.randint(-10, 30))
            files["assistance_task." + domain].write(row(uid(), 0, rid, hid, hno, township, scode, dept, kind,
                                                          "帮扶任务: " + hno, None, None, "OPEN", None, deadline, None,
                                                          None, flagged.isoformat(), None, None, None, now))
            if risk_no % 4 == 0:
                files["declaration"].write(row(uid(), 0, hid, hno, township, scode, "site.worker", category,
                                               "农户申报: 家庭收入下降", "RECEIVED", flagged.isoformat(),
                                               today + datetime.timedelta(days=rnd.randint(0, 10)), None, None, None))
            if risk_no % 4 == 1:
                files["monitoring_case"].write(row(uid(), 0, hid, hno, township, scode, "MARGINAL_AT_RISK", "WARNING",
                                                   rid, "AWAITING_HOME_CHECK", flagged.isoformat(), "township.official",
                                                   today + datetime.timedelta(days=rnd.randint(0, 15)), None, None))
    for f in files.values():
        f.close()
    print(f"{a.sites} sites, {a.households} households, {people} people, {risk_no} open risks -> {a.out}")


if __name__ == "__main__":
    main()
