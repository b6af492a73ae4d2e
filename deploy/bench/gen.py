#!/usr/bin/env python3
"""Test data for the benchmarks (deterministic for a given --run).

  gen.py households --run R --count N  > import.csv    registry import file: N households of 2 (one full labour, unemployed)
  gen.py screening  --run R --count N --rows M > file   a department file of M rows: the N households' 2N people first,
                                                       then people who are not in the registry; ~0.5 % cross a threshold
"""
import argparse, datetime, random, sys

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
C = "10X98765432"

def cid(prefix6, k):
    """A valid, unique ID number for counter k (birth date walks from 1950, sequence 0-999)."""
    d = datetime.date(1950, 1, 1) + datetime.timedelta(days=k // 1000)
    body = f"{prefix6}{d:%Y%m%d}{k % 1000:03d}"
    return body + C[sum(int(x) * w for x, w in zip(body, W)) % 11]

def person_ids(run, n):
    base = run * 100_000
    return [(cid("360732", base + 2 * i), cid("360732", base + 2 * i + 1)) for i in range(n)]

def households(a):
    out = sys.stdout
    out.write("户编号,安置点编码,乡镇代码,搬迁类型,安置方式,住房类型,迁出地,入住日期,与户主关系,姓名,身份证号,文化程度,健康状况,劳动能力,就业状况,技能,务工地点,联系电话\n")
    for i, (a1, a2) in enumerate(person_ids(a.run, a.count)):
        no = f"BENCH-{a.run}-{i:06d}"
        out.write(f"{no},XG-LJ-001,,脱贫搬迁户,集中安置,套房,,2019-12-01,户主,户主{i},{a1},初中,健康,普通劳动力,未就业,,,\n")
        out.write(f"{no},XG-LJ-001,,脱贫搬迁户,集中安置,套房,,2019-12-01,配偶,配偶{i},{a2},小学,健康,弱劳动力或半劳动力,务农,,,\n")

def screening(a):
    rnd = random.Random(a.run)
    out = sys.stdout
    out.write("身份证号,姓名,医疗自付费用,残疾,失业,灾害损失,人均纯收入\n")
    ids = [x for pair in person_ids(a.run, a.count) for x in pair]
    for k in range(a.rows):
        pid = ids[k] if k < len(ids) else cid("360733", a.run * 1_000_000 + k)
        medical = rnd.randint(0, 19_000) if rnd.random() > 0.005 else rnd.randint(20_001, 60_000)
        income = rnd.randint(8_000, 30_000)
        unemployed = "是" if rnd.random() < 0.001 else "否"
        out.write(f"{pid},姓名{k},{medical},否,{unemployed},,{income}\n")

p = argparse.ArgumentParser()
p.add_argument("what", choices=["households", "screening"])
p.add_argument("--run", type=int, required=True)
p.add_argument("--count", type=int, default=5000)
p.add_argument("--rows", type=int, default=1_000_000)
a = p.parse_args()
households(a) if a.what == "households" else screening(a)
