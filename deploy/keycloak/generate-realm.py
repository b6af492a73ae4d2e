#!/usr/bin/env python3
"""Generates resettle-realm.json (committed). Edit this file, then run it; do not hand-edit the JSON.

Local/test realm only: the passwords and the client secret below are for a developer machine and the
test run. Kubernetes takes secrets from a Secret, never from this file (see deploy/k8s).

`generate-realm.py --production` writes the production realm instead, for the Keycloak operator:
deploy/k8s/infra/keycloak/realm-production.json (the realm) and realm-import.json (the KeycloakRealmImport that
carries it). Same roles, claims and audience; no users, no secrets (the gov-exchange client secret is a placeholder
the operator fills from the Secret keycloak-clients), no password grant, authorization code + PKCE (S256) for the
front ends, client credentials for other government systems, short tokens, brute-force protection."""
import copy, json, pathlib, sys

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
OTHER_COUNTY = "360733"                # 会昌县: a neighbouring county (test client of another region)

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
        # local/test only: another county's government system, to prove a system client sees only its own region
        {"clientId": "gov-exchange-other", "name": "Another county's government system (test)", "enabled": True,
         "publicClient": False, "clientAuthenticatorType": "client-secret", "secret": "gov-exchange-other-local-secret",
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
        {"username": "service-account-gov-exchange-other", "enabled": True, "serviceAccountClientId": "gov-exchange-other",
         "realmRoles": ["system"], "attributes": {"region_codes": [OTHER_COUNTY]}},
    ],
}


def production(local):
    """The production realm from the local one: what is shared (roles, user profile, mappers) stays identical."""
    r = copy.deepcopy(local)
    # people are created by the county's administrators, never in git; only gov-exchange's service account (no
    # credentials) stays, so client-credentials tokens carry the role `system`; its region_codes are set per
    # installation (admin console, or a patch in the overlay)
    r["users"] = [{"username": "service-account-gov-exchange", "enabled": True, "serviceAccountClientId": "gov-exchange",
                   "realmRoles": ["system"], "attributes": {}}]
    r.update({
        "sslRequired": "all",
        "registrationAllowed": False, "resetPasswordAllowed": True, "rememberMe": False,
        "loginWithEmailAllowed": True, "duplicateEmailsAllowed": False, "editUsernameAllowed": False,
        # tokens: 5 minutes; browser sessions idle out after 30 minutes and end after 10 hours (a working day)
        "accessTokenLifespan": 300, "accessTokenLifespanForImplicitFlow": 300,
        "ssoSessionIdleTimeout": 1800, "ssoSessionMaxLifespan": 36000,
        "clientSessionIdleTimeout": 0, "clientSessionMaxLifespan": 0,
        "offlineSessionIdleTimeout": 2592000, "offlineSessionMaxLifespanEnabled": True,
        "offlineSessionMaxLifespan": 5184000,
        "accessCodeLifespan": 60, "accessCodeLifespanLogin": 1800, "accessCodeLifespanUserAction": 300,
        "actionTokenGeneratedByUserLifespan": 300, "actionTokenGeneratedByAdminLifespan": 43200,
        # a refresh token can be used once
        "revokeRefreshToken": True, "refreshTokenMaxReuse": 0,
        # brute force: 5 failures lock the account for 1 minute, doubling up to 15 minutes; never permanently
        "bruteForceProtected": True, "permanentLockout": False, "failureFactor": 5,
        "waitIncrementSeconds": 60, "maxFailureWaitSeconds": 900, "maxDeltaTimeSeconds": 43200,
        "quickLoginCheckMilliSeconds": 1000, "minimumQuickLoginWaitSeconds": 60,
        "passwordPolicy": "length(12) and notUsername and notEmail and passwordHistory(5) and digits(1) and upperCase(1)",
        "otpPolicyType": "totp", "otpPolicyAlgorithm": "HmacSHA256", "otpPolicyDigits": 6, "otpPolicyPeriod": 30,
        # who signed in, and what administrators changed (kept 90 days)
        "eventsEnabled": True, "eventsExpiration": 7776000, "adminEventsEnabled": True,
        "adminEventsDetailsEnabled": False,
    })
    # the other county's test client exists only in the local realm (each county installs its own clients)
    r["clients"] = [c for c in r["clients"] if c["clientId"] != "gov-exchange-other"]
    web, gov = r["clients"]
    assert web["clientId"] == "resettle-web" and gov["clientId"] == "gov-exchange"
    web.update({
        "directAccessGrantsEnabled": False, "implicitFlowEnabled": False, "standardFlowEnabled": True,
        "publicClient": True, "serviceAccountsEnabled": False, "fullScopeAllowed": True,
        "frontchannelLogout": True,
        # the front end's origin: each overlay patches it (deploy/k8s/overlays/*)
        "rootUrl": "https://resettle.example.gov.cn",
        "redirectUris": ["https://resettle.example.gov.cn/*"],
        "webOrigins": ["https://resettle.example.gov.cn"],
        "attributes": {"pkce.code.challenge.method": "S256", "post.logout.redirect.uris": "https://resettle.example.gov.cn/*",
                       "oauth2.device.authorization.grant.enabled": "false", "oidc.ciba.grant.enabled": "false"},
    })
    gov.update({
        "directAccessGrantsEnabled": False, "implicitFlowEnabled": False, "standardFlowEnabled": False,
        "serviceAccountsEnabled": True, "publicClient": False, "clientAuthenticatorType": "client-secret",
        # filled by the Keycloak operator from the Secret keycloak-clients (KeycloakRealmImport placeholders)
        "secret": "${GOV_EXCHANGE_CLIENT_SECRET}",
        "attributes": {"access.token.lifespan": "300", "use.refresh.tokens": "false",
                       "client_credentials.use_refresh_token": "false"},
    })
    return r

if "--production" in sys.argv[1:]:
    prod = production(realm)
    folder = pathlib.Path(__file__).resolve().parent.parent / "k8s" / "infra" / "keycloak"
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "realm-production.json"
    out.write_text(json.dumps(prod, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    cr = {
        "apiVersion": "k8s.keycloak.org/v2alpha1", "kind": "KeycloakRealmImport",
        "metadata": {"name": "resettle-realm",
                     "annotations": {"resettle/generated-by": "deploy/keycloak/generate-realm.py --production"}},
        "spec": {"keycloakCRName": "keycloak",
                 "placeholders": {"GOV_EXCHANGE_CLIENT_SECRET": {"secret": {"name": "keycloak-clients", "key": "gov-exchange"}}},
                 "realm": prod},
    }
    out2 = folder / "realm-import.json"
    out2.write_text(json.dumps(cr, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out} and {out2}")
else:
    out = pathlib.Path(__file__).with_name("resettle-realm.json")
    out.write_text(json.dumps(realm, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")
