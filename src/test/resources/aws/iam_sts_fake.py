#!/usr/bin/python3
"""A strict, stateful fake of AWS IAM's access-key actions and STS GetCallerIdentity, for apikey's tests.

Every signed request is checked independently of apikey: the signature is recomputed with botocore's
own SigV4 signer (Debian python3-botocore) from the request as it arrived, and a request whose signature
differs is answered 403 SignatureDoesNotMatch, as AWS does. What the fake encodes, from the official
references:

- IAM Query API, version 2010-05-08, https://docs.aws.amazon.com/IAM/latest/APIReference/ :
  CreateAccessKey, ListAccessKeys (Marker/IsTruncated/MaxItems), UpdateAccessKey, DeleteAccessKey,
  GetAccessKeyLastUsed; field names as in botocore's data/iam/2010-05-08/service-2.json. A user has at
  most two access keys ("Cannot exceed quota for AccessKeysPerUser: 2", LimitExceeded, HTTP 409,
  https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). UserName, when left
  out, is the caller's own user ("IAM determines the user name implicitly based on the Amazon Web
  Services access key ID signing the request").
- STS GetCallerIdentity, version 2011-06-15, https://docs.aws.amazon.com/STS/latest/APIReference/ .
- Errors as the Query protocol writes them (ErrorResponse/Error/Type,Code,Message + RequestId):
  InvalidClientTokenId (403) for an unknown or inactive key, SignatureDoesNotMatch (403),
  NoSuchEntity (404), LimitExceeded (409), AccessDenied (403), Throttling (400), ValidationError (400),
  InvalidAction (400) — https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html .
- IAM is eventually consistent (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html
  #troubleshoot_general_eventual-consistency): with "refuseNewKeys": N a new key is refused
  (InvalidClientTokenId) for its first N signed calls.

Faults (POST fault, queued in order): the next "times" signed calls of "action" are answered with "status" and
the raw "body" instead of the API's answer, either before the action is carried out or, with "afterActing",
after it (a lost answer: the key exists, the client cannot know). In the body, {newSecret} is the secret of the
key the call just made and {callerSecret} that of the key that signed it: a hostile or broken answer may carry
either. Server errors are those of the Query protocol (InternalFailure 500, ServiceUnavailable 503, CommonErrors
above); a fault no call consumed is reported in "unexpected", so a test cannot pass without exercising it.

Control endpoints for the test (unsigned, under /_fake/): POST seed, GET state, POST config,
GET await-held, POST release. Any request the fake does not understand is recorded in "unexpected",
which the test asserts empty. The port is chosen by the OS and printed as "PORT <n>" on stdout.
"""
import base64
import hashlib
import hmac
import json
import secrets
import sys
import threading
import time
import urllib.parse
import uuid
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ACCOUNT = "123456789012"
IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/"
STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/"
VERSIONS = {"iam": "2010-05-08", "sts": "2011-06-15"}
ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

lock = threading.RLock()
users = {}          # name -> {"admin": bool, "id": "AIDA…"}
keys = {}           # access key id -> {user, secret, status, created, lastUsed, refusals}
log = []            # [{"service", "action", "key", "status", "params"}]
unexpected = []
made = {}           # every access key id ever made -> its secret, deleted keys too
config = {"refuseNewKeys": 0, "throttle": 0, "pageSize": 100, "maxSkewSeconds": None, "hold": None, "faults": []}
held = threading.Event()
release = threading.Event()


class Refused(Exception):
    def __init__(self, status, code, message, sender=True):
        super().__init__(message)
        self.status, self.code, self.message, self.sender = status, code, message, sender


def now_iso():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_key(user):
    akid = "AKIA" + "".join(secrets.choice(ID_ALPHABET) for _ in range(16))
    secret = base64.b64encode(secrets.token_bytes(30)).decode()
    keys[akid] = {"user": user, "secret": secret, "status": "Active", "created": now_iso(), "lastUsed": None,
                  "refusals": config["refuseNewKeys"]}
    made[akid] = secret
    return akid


def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def element(name, value):
    return "<%s>%s</%s>" % (name, xml_escape(str(value)), name)


def response(action, ns, result):
    return ('<%sResponse xmlns="%s"><%sResult>%s</%sResult><ResponseMetadata><RequestId>%s</RequestId>'
            '</ResponseMetadata></%sResponse>' % (action, ns, action, result, action, uuid.uuid4(), action))


def no_result(action, ns):
    return ('<%sResponse xmlns="%s"><ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata></%sResponse>'
            % (action, ns, uuid.uuid4(), action))


def error_xml(ns, e):
    return ('<ErrorResponse xmlns="%s"><Error><Type>%s</Type><Code>%s</Code><Message>%s</Message></Error>'
            '<RequestId>%s</RequestId></ErrorResponse>'
            % (ns, "Sender" if e.sender else "Receiver", e.code, xml_escape(e.message), uuid.uuid4()))


def parse_authorization(value):
    if not value or not value.startswith("AWS4-HMAC-SHA256 "):
        raise Refused(403, "IncompleteSignature", "Authorization header requires AWS4-HMAC-SHA256")
    parts = {}
    for part in value[len("AWS4-HMAC-SHA256 "):].split(","):
        k, _, v = part.strip().partition("=")
        parts[k] = v
    try:
        akid, date, region, service, terminal = parts["Credential"].split("/")
        signed = parts["SignedHeaders"].split(";")
        signature = parts["Signature"]
    except (KeyError, ValueError):
        raise Refused(403, "IncompleteSignature", "Authorization header requires Credential, SignedHeaders, Signature")
    if terminal != "aws4_request":
        raise Refused(403, "IncompleteSignature", "Credential should be scoped with a valid terminator: 'aws4_request'")
    return akid, date, region, service, signed, signature


def check_signature(method, path, headers, body):
    """Recomputes the signature with botocore from the request as received; returns (key id, service, region)."""
    akid, date, region, service, signed, signature = parse_authorization(headers.get("Authorization"))
    amz_date = headers.get("X-Amz-Date")
    if not amz_date or amz_date[:8] != date:
        raise Refused(403, "SignatureDoesNotMatch", "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP")
    if "host" not in signed or "x-amz-date" not in signed:
        raise Refused(403, "SignatureDoesNotMatch", "'Host' and 'X-Amz-Date' must be signed")
    if config["maxSkewSeconds"] is not None:
        at = datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
        if abs((datetime.now(timezone.utc) - at).total_seconds()) > config["maxSkewSeconds"]:
            raise Refused(403, "SignatureDoesNotMatch", "Signature expired: %s is now earlier than the allowed window" % amz_date)
    content_sha = headers.get("X-Amz-Content-SHA256")
    if content_sha is not None and content_sha != hashlib.sha256(body).hexdigest():
        raise Refused(400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.")
    with lock:
        key = keys.get(akid)
        if key is None or key["status"] != "Active":
            raise Refused(403, "InvalidClientTokenId", "The security token included in the request is invalid.")
        if key["refusals"] > 0:
            key["refusals"] -= 1  # not yet visible everywhere: eventual consistency
            raise Refused(403, "InvalidClientTokenId", "The security token included in the request is invalid.")
        secret = key["secret"]
    request = AWSRequest(method=method, url="http://" + headers.get("Host") + path, data=body,
                         headers={h: headers.get(h) for h in signed})
    request.context["timestamp"] = amz_date
    auth = SigV4Auth(Credentials(akid, secret), service, region)
    canonical = auth.canonical_request(request)
    expected = auth.signature(auth.string_to_sign(request, canonical), request)
    if not hmac.compare_digest(expected, signature):
        raise Refused(403, "SignatureDoesNotMatch",
                      "The request signature we calculated does not match the signature you provided. Check your AWS "
                      "Secret Access Key and signing method. Consult the service documentation for details.")
    return akid, service, region


def take_fault(action, after_acting):
    """The next queued fault for this action at this point of the call, counted down; or None."""
    for f in config["faults"]:
        if f["action"] == action and bool(f.get("afterActing")) == after_acting and f["times"] > 0:
            f["times"] -= 1
            return f
    return None


def faulted_body(fault, caller_akid, result):
    made = ""
    if "<SecretAccessKey>" in (result or ""):
        made = result.split("<SecretAccessKey>", 1)[1].split("</SecretAccessKey>", 1)[0]
    return fault["body"].replace("{newSecret}", made).replace("{callerSecret}", keys[caller_akid]["secret"]
                                                              if caller_akid in keys else "")


def caller_arn(user):
    return "arn:aws:iam::%s:user/%s" % (ACCOUNT, user)


def target_user(caller, params, action):
    user = params.get("UserName") or caller
    if user not in users:
        raise Refused(404, "NoSuchEntity", "The user with name %s cannot be found." % user)
    if user != caller and not users[caller]["admin"]:
        raise Refused(403, "AccessDenied", "User: %s is not authorized to perform: iam:%s on resource: user %s because "
                      "no identity-based policy allows the iam:%s action" % (caller_arn(caller), action, user, action))
    return user


def owned_key(user, params):
    akid = params.get("AccessKeyId")
    if not akid:
        raise Refused(400, "ValidationError", "1 validation error detected: Value null at 'accessKeyId' failed to "
                      "satisfy constraint: Member must not be null")
    key = keys.get(akid)
    if key is None or key["user"] != user:
        raise Refused(404, "NoSuchEntity", "The Access Key with id %s cannot be found." % akid)
    return akid, key


def member(akid, key, with_secret):
    fields = element("UserName", key["user"]) + element("AccessKeyId", akid) + element("Status", key["status"])
    if with_secret:
        fields += element("SecretAccessKey", key["secret"])
    return fields + element("CreateDate", key["created"])


def iam(action, caller, params):
    if action == "CreateAccessKey":
        user = target_user(caller, params, action)
        if sum(1 for k in keys.values() if k["user"] == user) >= 2:
            raise Refused(409, "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2")
        akid = new_key(user)
        return response(action, IAM_NS, "<AccessKey>%s</AccessKey>" % member(akid, keys[akid], True))
    if action == "ListAccessKeys":
        user = target_user(caller, params, action)
        mine = sorted((k for k, v in keys.items() if v["user"] == user), key=lambda k: (keys[k]["created"], k))
        start = 0
        if params.get("Marker"):
            if params["Marker"] not in mine:
                raise Refused(400, "ValidationError", "Invalid Marker")
            start = mine.index(params["Marker"])
        size = min(int(params.get("MaxItems", 100)), config["pageSize"])
        page = mine[start:start + size]
        truncated = start + size < len(mine)
        body = "<AccessKeyMetadata>%s</AccessKeyMetadata>" % "".join(
            "<member>%s</member>" % member(k, keys[k], False) for k in page)
        body += element("IsTruncated", "true" if truncated else "false")
        if truncated:
            body += element("Marker", mine[start + size])
        return response(action, IAM_NS, body)
    if action == "UpdateAccessKey":
        user = target_user(caller, params, action)
        akid, key = owned_key(user, params)
        if params.get("Status") not in ("Active", "Inactive"):
            raise Refused(400, "ValidationError", "1 validation error detected: Value at 'status' failed to satisfy "
                          "constraint: Member must satisfy enum value set: [Active, Inactive]")
        key["status"] = params["Status"]
        return no_result(action, IAM_NS)
    if action == "DeleteAccessKey":
        user = target_user(caller, params, action)
        akid, key = owned_key(user, params)
        del keys[akid]
        return no_result(action, IAM_NS)
    if action == "GetAccessKeyLastUsed":
        akid = params.get("AccessKeyId")
        key = keys.get(akid or "")
        if key is None:
            raise Refused(404, "NoSuchEntity", "The Access Key with id %s cannot be found." % akid)
        target_user(caller, {"UserName": key["user"]}, action)
        used = key["lastUsed"]
        last = (element("LastUsedDate", used["date"]) + element("ServiceName", used["service"])
                + element("Region", used["region"])) if used else element("ServiceName", "N/A") + element("Region", "N/A")
        return response(action, IAM_NS, element("UserName", key["user"]) + "<AccessKeyLastUsed>%s</AccessKeyLastUsed>" % last)
    raise Refused(400, "InvalidAction", "Could not find operation %s for version 2010-05-08" % action)


def sts(action, caller, params):
    if action == "GetCallerIdentity":
        return response(action, STS_NS, element("UserId", users[caller]["id"]) + element("Account", ACCOUNT)
                        + element("Arn", caller_arn(caller)))
    raise Refused(400, "InvalidAction", "Could not find operation %s for version 2011-06-15" % action)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body, content_type="text/xml"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self.handle_any()

    def do_POST(self):
        self.handle_any()

    def handle_any(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path.startswith("/_fake/"):
            return self.control(self.path[len("/_fake/"):], body)
        query = urllib.parse.urlsplit(self.path).query
        params = dict(urllib.parse.parse_qsl(query))
        if self.command == "POST":
            if not (self.headers.get("Content-Type") or "").startswith("application/x-www-form-urlencoded"):
                return self.unexpected("POST without a form body")
            params.update(urllib.parse.parse_qsl(body.decode()))
        ns = IAM_NS
        try:
            akid, service, region = check_signature(self.command, self.path, self.headers, body)
            ns = STS_NS if service == "sts" else IAM_NS
            action = params.get("Action")
            if service not in VERSIONS or params.get("Version") != VERSIONS[service]:
                raise Refused(400, "InvalidAction", "Could not find operation %s for version %s"
                              % (action, params.get("Version")))
            with lock:
                if config["throttle"] > 0:
                    config["throttle"] -= 1
                    log.append({"service": service, "action": action, "key": akid, "status": 400, "params": params})
                    raise Refused(400, "Throttling", "Rate exceeded")
                fault = take_fault(action, False)
                if fault is not None:
                    log.append({"service": service, "action": action, "key": akid, "status": fault["status"],
                                "code": "fault", "params": params})
                    return self.reply(fault["status"], faulted_body(fault, akid, None))
                caller = keys[akid]["user"]
                result = (iam if service == "iam" else sts)(action, caller, params)
                fault = take_fault(action, True)
                if fault is not None:
                    log.append({"service": service, "action": action, "key": akid, "status": fault["status"],
                                "code": "fault after acting", "params": params})
                    return self.reply(fault["status"], faulted_body(fault, akid, result))
                if akid in keys:
                    keys[akid]["lastUsed"] = {"date": now_iso(), "service": service, "region": region}
                log.append({"service": service, "action": action, "key": akid, "status": 200,
                            "params": {k: v for k, v in params.items()}})
                hold = config["hold"]
                holding = hold is not None and hold == action
                if holding:
                    config["hold"] = None
            if holding:
                held.set()  # acted; the answer waits until the test releases it
                release.wait(60)
            return self.reply(200, result)
        except Refused as e:
            with lock:
                if e.code != "Throttling":
                    log.append({"service": None, "action": params.get("Action"), "key": None, "status": e.status,
                                "code": e.code, "params": params})
            return self.reply(e.status, error_xml(ns, e))

    def unexpected(self, why):
        with lock:
            unexpected.append("%s %s: %s" % (self.command, self.path, why))
        return self.reply(400, error_xml(IAM_NS, Refused(400, "InvalidRequest", why)))

    def control(self, what, body):
        data = json.loads(body or b"{}")
        with lock:
            if what == "seed":
                user = data["user"]
                users.setdefault(user, {"admin": bool(data.get("admin")),
                                        "id": "AIDA" + "".join(secrets.choice(ID_ALPHABET) for _ in range(17))})
                if data.get("noKey"):
                    return self.reply(200, json.dumps({}), "application/json")
                akid = new_key(user)
                keys[akid]["refusals"] = 0
                return self.reply(200, json.dumps({"id": akid, "secret": keys[akid]["secret"]}), "application/json")
            if what == "state":
                unused = ["a queued fault no call consumed: %s %s" % (f["action"], f["status"])
                          for f in config["faults"] if f["times"] > 0]
                return self.reply(200, json.dumps({"keys": keys, "log": log, "made": made, "unexpected": unexpected + unused}),
                                  "application/json")
            if what == "config":
                config.update(data)
                held.clear()
                release.clear()
                return self.reply(200, "{}", "application/json")
            if what == "fault":
                config["faults"].append(data)
                return self.reply(200, "{}", "application/json")
            if what == "release":
                release.set()
                return self.reply(200, "{}", "application/json")
        if what == "await-held":
            return self.reply(200 if held.wait(60) else 504, "{}", "application/json")
        return self.unexpected("unknown control " + what)


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
