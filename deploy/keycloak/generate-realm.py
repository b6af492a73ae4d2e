#!/usr/bin/env python3
"""Generates resettle-realm.json (committed). Edit this file, then run it; do not hand-edit the JSON.

Local/test realm only: the passwords and the client secret below are for a developer machine and the
test run. Kubernetes takes secrets from a Secret, never from this file (see deploy/k8s)."""
import json, pathlib

ROLES = {
    "county-admin": "县级管理员 county administrator (乡村振兴局)",
    "employment-officer": "人社部门 employment / human resources officer",
    "industry-officer": "农业农村部门 industry / agriculture officer",
    "civil-affairs-officer": "民政部门 civil affairs officer",
    "township-official": "乡镇干部 township official",
    "site-worker": "安置点工作人员 site / community worker",
    "resident": "搬迁群众 resident (mobile self-service)",
    "system": "其他政务系统 other government system (client credentials)",
    "auditor": "数据安全审计员 personal-data auditor (reads the audit trail only)",
}
PASSWORD = "Passw0rd!"
COUNTY = "360732"                      # 兴国县 (Ganzhou, Jiangxi)
TOWNSHIP_A, TOWNSHIP_B = "360732100", "360732101"

def user(name, first, roles, regions=(), sites=(), household=None):
    attrs = {}
    if regions: attrs["region_codes"] = list(regions)
    if sites: attrs["site_codes"] = list(sites)
    if household: attrs["household_no"] = [household]
    return {
        "username": name, "enabled": True, "emailVerified": True,
        "firstName": first, "lastName": "测试", "email": f"{name}@resettle.local",
        "credentials": [{"type": "password", "value": PASSWORD, "temporary": False}],
        "realmRoles": list(roles), "attributes": attrs,
    }

def attr_mapper(name, claim, multivalued=True):
    return {
        "name": name, "protocol": "openid-connect", "protocolMapper": "oidc-usermodel-attribute-mapper",
        "consentRequired": False,
        "config": {"user.attribute": claim, "claim.name": claim, "jsonType.label": "String",
                   "multivalued": str(multivalued).lower(), "access.token.claim": "true",
                   "id.token.claim": "false", "userinfo.token.claim": "true", "introspection.token.claim": "true"},
    }

audience_mapper = {
    "name": "resettle-api-audience", "protocol": "openid-connect", "protocolMapper": "oidc-audience-mapper",
    "consentRequired": False,
    "config": {"included.custom.audience": "resettle-api", "access.token.claim": "true", "id.token.claim": "false",
               "introspection.token.claim": "true"},
}

scope_mappers = [attr_mapper("region codes", "region_codes"), attr_mapper("site codes", "site_codes"),
                 attr_mapper("household", "household_no", False), audience_mapper]

def admin_only(name, display, multivalued):
    return {"name": name, "displayName": display, "multivalued": multivalued,
            "permissions": {"view": ["admin", "user"], "edit": ["admin"]}, "annotations": {}, "validations": {}}

user_profile = {
    "unmanagedAttributePolicy": "ADMIN_VIEW",
    "attributes": [
        {"name": "username", "displayName": "${username}", "permissions": {"view": ["admin", "user"], "edit": ["admin"]},
         "validations": {"length": {"min": 3, "max": 255}, "username-prohibited-characters": {}, "up-username-not-idn-homograph": {}}},
        {"name": "email", "displayName": "${email}", "permissions": {"view": ["admin", "user"], "edit": ["admin", "user"]},
         "validations": {"email": {}, "length": {"max": 255}}},
        {"name": "firstName", "displayName": "${firstName}", "permissions": {"view": ["admin", "user"], "edit": ["admin", "user"]},
         "validations": {"length": {"max": 255}}},
        {"name": "lastName", "displayName": "${lastName}", "permissions": {"view": ["admin", "user"], "edit": ["admin", "user"]},
         "validations": {"length": {"max": 255}}},
        admin_only("region_codes", "数据范围：行政区划代码", True),
        admin_only("site_codes", "数据范围：安置点编码", True),
        admin_only("household_no", "本人户编号（群众）", False),
    ],
    "groups": [],
}

realm = {
    "realm": "resettle", "enabled": True, "displayName": "易地扶贫搬迁后续扶持",
    "sslRequired": "external", "accessTokenLifespan": 1800, "registrationAllowed": False,
    "bruteForceProtected": True, "failureFactor": 10,
    "roles": {"realm": [{"name": r, "description": d} for r, d in ROLES.items()]},
    "components": {"org.keycloak.userprofile.UserProfileProvider": [
        {"providerId": "declarative-user-profile", "subComponents": {},
         "config": {"kc.user.profile.config": [json.dumps(user_profile, ensure_ascii=False)]}}]},
    "clients": [
        {"clientId": "resettle-web", "name": "Web and mobile front ends", "enabled": True, "publicClient": True,
         "standardFlowEnabled": True, "directAccessGrantsEnabled": True, "implicitFlowEnabled": False,
         "redirectUris": ["http://localhost:*", "http://127.0.0.1:*"], "webOrigins": ["+"],
         "attributes": {"pkce.code.challenge.method": "S256"},
         "protocolMappers": scope_mappers},
        {"clientId": "gov-exchange", "name": "Other government systems (client credentials)", "enabled": True,
         "publicClient": False, "clientAuthenticatorType": "client-secret", "secret": "gov-exchange-local-secret",
         "standardFlowEnabled": False, "directAccessGrantsEnabled": False, "serviceAccountsEnabled": True,
         "protocolMappers": scope_mappers},
    ],
    "users": [
        user("county.admin", "县管理员", ["county-admin"], regions=[COUNTY]),
        user("emp.officer", "人社干部", ["employment-officer"], regions=[COUNTY]),
        user("ind.officer", "农业干部", ["industry-officer"], regions=[COUNTY]),
        user("civil.officer", "民政干部", ["civil-affairs-officer"], regions=[COUNTY]),
        user("township.a", "潋江镇干部", ["township-official"], regions=[TOWNSHIP_A]),
        user("township.b", "长冈乡干部", ["township-official"], regions=[TOWNSHIP_B]),
        user("worker.a1", "潋江安置点社工", ["site-worker"], sites=["XG-LJ-001"]),
        user("worker.b1", "长冈安置点社工", ["site-worker"], sites=["XG-CG-001"]),
        user("resident.a1", "搬迁群众", ["resident"], household="XG-H-0001"),
        user("auditor.a", "审计员", ["auditor"], regions=[COUNTY]),
        {"username": "service-account-gov-exchange", "enabled": True, "serviceAccountClientId": "gov-exchange",
         "realmRoles": ["system"], "attributes": {"region_codes": [COUNTY]}},
    ],
}

out = pathlib.Path(__file__).with_name("resettle-realm.json")
out.write_text(json.dumps(realm, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
print(f"wrote {out}")
