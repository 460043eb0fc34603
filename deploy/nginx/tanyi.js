// The Tanyi console's nginx (njs 0.7.9+): signing, the gate in front of Tanyi, who is asking,
// masking by role, and the Content-Security-Policy hashes.
//
// The app secret is read here, per request, from nginx's environment or from a
// KEY=value file outside the web root. It never goes into a response, a header sent
// to the browser, or a log line: error messages name what is missing, never a value.
// njs gives every request its own copy of this module, so module-level state is per request.

const crypto = require('crypto');
const fs = require('fs');

const VERSION = 'v1';
const NAMES = ['TANYI_APP_KEY', 'TANYI_APP_SECRET', 'TANYI_TENANT_SIGN'];

// The six reads the console makes, and nothing else: path -> family and methods.
const ENDPOINTS = {
    '/apiOpen/v1/task/getTasks': { family: 'task', methods: ['GET', 'HEAD'] },
    '/apiOpen/v1/task/getTaskDetail': { family: 'task', methods: ['GET', 'HEAD'] },
    '/apiOpen/v1/task/getCallRecordInfoList': { family: 'task', methods: ['POST'] },
    '/apiOpen/v1/task/callDetail': { family: 'task', methods: ['GET', 'HEAD'] },
    '/apiOpen/v1/callRecord/getCallRecordInfoList': { family: 'callRecord', methods: ['POST'] },
    '/apiOpen/v1/callRecord/callDetail': { family: 'callRecord', methods: ['GET', 'HEAD'] },
};
// Where an accepted request goes next (tanyi-api.conf): one location per family.
const UPSTREAM_PREFIX = '/apiOpen/__proxy/upstream/';

// The proxy's own refusals, by reason: HTTP status (also the envelope's code) and message,
// Chinese first as the console shows it.
const REFUSALS = {
    'not-json': [400, '请求内容不是 JSON 对象 · The request body is not a JSON object'],
    'bad-id': [400, '编号、页码须为数字 · Ids, page and page size must be plain numbers'],
    'body-on-get': [400, 'GET 请求不能带内容 · A GET request has no body'],
    'sign-in': [401, '请先登录 · Sign in first'],
    'forbidden': [403, '登录服务拒绝了此操作员 · The sign-in service refused this operator'],
    'unknown-path': [404, '此代理不提供该路径 · This proxy does not serve that path'],
    'method': [405, '此路径不接受该方法 · This path does not take that method'],
    'too-large': [413, '请求内容超过 16 KB · The request body is over 16 KB'],
    'not-json-type': [415, '请求内容须为 application/json · The request body must be application/json'],
    'rate-limited': [429, '请求过于频繁，请稍后再试 · Too many requests: wait and try again'],
    'no-credentials': [500, '签名代理没有凭据，请查看其错误日志 · The signing proxy has no credentials: see its error log'],
    'sign-in-down': [502, '无法核实登录状态 · Sign-in cannot be checked'],
    'tanyi-down': [502, '无法连接探意接口 · Tanyi cannot be reached'],
    'tanyi-timeout': [504, '探意接口无应答 · Tanyi did not answer in time'],
    'tanyi-unreadable': [502, '探意的应答无法检查号码，不能发给查看员 · Tanyi answered in a form whose phone numbers cannot be checked, so it is not sent to a viewer'],
};
// Seconds a rate-limited client is told to wait (Retry-After).
const RETRY_AFTER_SECONDS = 1;

// The signature of api/NOTES.md: lowercase hex SHA-256, covering neither path nor body.
function sign(appKey, appSecret, tenantSign, version, timestamp) {
    const text = tenantSign + 'appKey=' + appKey + '&appSecret=' + appSecret
        + '&tenantSign=' + tenantSign + '&version=' + version + '&timestamp=' + timestamp;
    return crypto.createHash('sha256').update(text).digest('hex');
}

// KEY=value lines; blank lines and # comments skipped; optional quotes around the value.
function parseEnvFile(text) {
    const values = {};
    text.split('\n').forEach(function (line) {
        const trimmed = line.trim();
        const eq = trimmed.indexOf('=');
        if (trimmed === '' || trimmed[0] === '#' || eq < 1) {
            return;
        }
        const name = trimmed.slice(0, eq).trim().replace(/^export\s+/, '');
        let value = trimmed.slice(eq + 1).trim();
        if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0]) {
            value = value.slice(1, -1);
        }
        values[name] = value;
    });
    return values;
}

// The credentials, or null (logged, without any value) when they are incomplete.
function credentials(r) {
    const file = r.variables.tanyi_credentials_file;
    let source = process.env;
    if (file) {
        try {
            source = parseEnvFile(fs.readFileSync(file, 'utf8'));
        } catch (e) {
            r.error('tanyi: cannot read the credentials file ' + file + ' (' + (e.code || 'error') + ')');
            return null;
        }
    }
    const missing = NAMES.filter(function (name) { return !source[name]; });
    if (missing.length > 0) {
        r.error('tanyi: no ' + missing.join(', ') + ' in ' + (file ? 'the credentials file ' + file : "nginx's environment (see `env` in nginx.conf)"));
        return null;
    }
    return { appKey: source.TANYI_APP_KEY, appSecret: source.TANYI_APP_SECRET, tenantSign: source.TANYI_TENANT_SIGN };
}

// js_set variables are evaluated on every use, so the request's timestamp is taken once
// and kept in a js_var: the `timestamp` header and the signature must agree.
function requestTimestamp(r) {
    let t = r.variables.tanyi_request_timestamp;
    if (!t) {
        t = String(Date.now());
        r.variables.tanyi_request_timestamp = t;
    }
    return t;
}

function appKey(r) {
    const c = credentials(r);
    return c ? c.appKey : '';
}

function timestamp(r) {
    return requestTimestamp(r);
}

function signature(r) {
    const c = credentials(r);
    return c ? sign(c.appKey, c.appSecret, c.tenantSign, VERSION, requestTimestamp(r)) : '';
}

function version() {
    return VERSION;
}

// ---- Who is asking -------------------------------------------------------------------------

// The signed-in operator: the portal's user (sso), the checked basic-auth user, or none.
// Only once the sign-in has passed (the gate runs after it): a refused request names nobody.
function operator(r) {
    if (!r.variables.tanyi_signed_in) {
        return '';
    }
    switch (r.variables.tanyi_auth_mode) {
    case 'sso':
        return r.variables.tanyi_auth_user || '';
    case 'basic':
        return r.variables.remote_user || '';
    default:
        return '';
    }
}

// Mode basic: the role the role file gives `user`, with the user name compared exactly (the
// nginx map that checks the file at start compares without case; htpasswd does not).
function basicRole(r, user) {
    let text = '';
    try {
        text = fs.readFileSync(r.variables.tanyi_role_file, 'utf8');
    } catch (e) {
        r.error('tanyi: cannot read the role file ' + r.variables.tanyi_role_file);
        return 'viewer';
    }
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
        const words = lines[i].replace(/#.*/, '').replace(';', ' ').trim().split(/\s+/);
        if (words.length >= 2 && words[0] === user) {
            return words[1];
        }
    }
    return 'viewer';
}

// The request's role once known (njs gives every request its own copy of this module).
let knownRole = '';

// `supervisor` only when the sign-in says so; anyone else, and every unknown value, is a viewer.
function role(r) {
    if (!knownRole && r.variables.tanyi_signed_in) {
        knownRole = roleOfOperator(r);
    }
    return knownRole || 'viewer';
}

function roleOfOperator(r) {
    const who = operator(r);
    switch (who ? r.variables.tanyi_auth_mode : '') {
    case 'sso':
        return String(r.variables.tanyi_auth_groups || '').split(',')
            .some(function (g) { return g.trim() === 'supervisor'; }) ? 'supervisor' : 'viewer';
    case 'basic':
        return basicRole(r, who) === 'supervisor' ? 'supervisor' : 'viewer';
    default:
        return 'viewer';
    }
}

// The operator for the browser: percent-encoded UTF-8 (header values are bytes, names may be Chinese).
function operatorHeader(r) {
    return encodeURIComponent(operator(r));
}

// What the rate limit counts: each operator, or each client address where there is none.
function limitKey(r) {
    const who = operator(r);
    return who ? 'operator:' + who : 'address:' + r.variables.remote_addr;
}

// ---- The gate: only the console's six reads pass ------------------------------------------

// A refusal by its reason: [HTTP status and envelope code, message].
function refusal(reason) {
    return REFUSALS[reason] || REFUSALS['unknown-path'];
}

// The envelope of a refusal, as the console recognises it; notes its code for the audit log.
function envelope(r, reason, data) {
    const refused = refusal(reason);
    r.variables.tanyi_envelope_code = String(refused[0]);
    return JSON.stringify({
        code: refused[0],
        data: data === undefined ? null : data,
        requestId: r.variables.request_id,
        resultMsg: refused[1],
    }) + '\n';
}

// Answers with the proxy's own refusal: its status and envelope.
function refuse(r, reason, data) {
    const body = envelope(r, reason, data);
    r.headersOut['Content-Type'] = 'application/json; charset=utf-8';
    r.return(refusal(reason)[0], body);
}

// A job or call id for the audit log: a number or a text of digits, as digits; anything
// else (a list, a sign, a space, a repeated query parameter) is no id: ''.
function auditId(value) {
    const text = typeof value === 'number' || typeof value === 'string' ? String(value) : '';
    return /^[0-9]{1,20}$/.test(text) ? text : '';
}

// Checks the request and hands it to the family's upstream location; refuses anything else.
function gate(r) {
    // Only reached once the sign-in has let the request through.
    r.variables.tanyi_signed_in = '1';
    const path = r.uri;
    const endpoint = Object.prototype.hasOwnProperty.call(ENDPOINTS, path) ? ENDPOINTS[path] : null;
    if (!endpoint) {
        return refuse(r, 'unknown-path');
    }
    r.variables.tanyi_endpoint = path;
    if (endpoint.methods.indexOf(r.method) < 0) {
        r.headersOut['Allow'] = endpoint.methods.join(', ');
        return refuse(r, 'method');
    }
    // A 2xx from the session check that names nobody is not a sign-in.
    if (r.variables.tanyi_auth_mode === 'sso' && !r.variables.tanyi_auth_user) {
        r.error('tanyi: the session check answered without X-Auth-Request-User');
        return refuse(r, 'sign-in-down');
    }
    if (!r.variables.tanyi_app_key) {
        return refuse(r, 'no-credentials');
    }
    let ids = { job: r.args.robotCallJobId, call: r.args.callRecordId, page: r.args.pageNum, pageSize: r.args.pageSize };
    if (r.method !== 'POST' && (Number(r.headersIn['Content-Length']) > 0 || r.headersIn['Transfer-Encoding'])) {
        return refuse(r, 'body-on-get');
    }
    if (r.method === 'POST') {
        const type = String(r.headersIn['Content-Type'] || '').split(';')[0].trim().toLowerCase();
        if (type !== 'application/json') {
            return refuse(r, 'not-json-type');
        }
        let body = null;
        try {
            body = JSON.parse(r.requestText || '');
        } catch (e) {
            body = null;
        }
        if (body === null || typeof body !== 'object' || Array.isArray(body)) {
            return refuse(r, 'not-json');
        }
        ids = { job: body.robotCallJobId, call: body.callRecordId, page: body.pageNum, pageSize: body.pageSize };
    }
    // Each id asked for is a plain number, so the audit log names exactly what was read.
    const names = ['job', 'call', 'page', 'pageSize'];
    for (let i = 0; i < names.length; i++) {
        const value = ids[names[i]];
        if (value !== undefined && value !== null && auditId(value) === '') {
            return refuse(r, 'bad-id');
        }
    }
    r.variables.tanyi_audit_job = auditId(ids.job);
    r.variables.tanyi_audit_call = auditId(ids.call);
    r.variables.tanyi_audit_page = auditId(ids.page);
    r.variables.tanyi_audit_page_size = auditId(ids.pageSize);
    const name = path.slice(path.lastIndexOf('/') + 1);
    const args = r.variables.args;
    r.internalRedirect(UPSTREAM_PREFIX + endpoint.family + '/' + name + (args ? '?' + args : ''));
}

// The envelope of a refusal that nginx decided (error_page /apiOpen/__proxy/refused/REASON).
function refused(r) {
    const reason = r.uri.slice(r.uri.lastIndexOf('/') + 1);
    if (reason === 'sign-in') {
        // The console's fetch must not open the browser's password prompt; /tanyi-sign-in does.
        delete r.headersOut['WWW-Authenticate'];
        return refuse(r, reason, { signInUrl: r.variables.tanyi_sign_in_url });
    }
    if (reason === 'rate-limited') {
        r.headersOut['Retry-After'] = String(RETRY_AFTER_SECONDS);
    }
    refuse(r, reason);
}

// Where /tanyi-sign-in sends a signed-in browser: `rd` when it is on an allowed origin.
function signedIn(r) {
    const rd = String(r.args.rd || '');
    // Printable ASCII only: `rd` goes into a header, and a line break would add others.
    const m = /^[\x21-\x7e]+$/.test(rd) ? /^(https?:\/\/[^\/?#]+)(?:[\/?#]|$)/i.exec(rd) : null;
    const allowed = String(r.variables.tanyi_allowed_origins || '').split(' ');
    if (m && allowed.indexOf(m[1].toLowerCase()) >= 0) {
        return r.return(303, rd);
    }
    r.headersOut['Content-Type'] = 'text/plain; charset=utf-8';
    r.return(200, '已登录，可以关闭此页 · Signed in: you may close this page.\n');
}

// ---- Masking: a viewer never receives a whole phone number --------------------------------

// What is masked, found in one pass over the answer (its digits made ASCII first):
// - the documented phone members (calledPhoneNumber, customerPerson.phoneNumber), whatever
//   their value looks like, text or number;
// - a run of digits that looks like a mainland number: a mobile (1[3-9] and 9 digits, maybe
//   after +86, 0086 or 86, maybe split 3-4-4 by spaces, dashes, dots, slashes or commas) or a
//   landline (an area code with its 0, or after 86 without it, then 7 or 8 digits, maybe
//   split). Inside a string it is masked; outside, as a number value, when its member's name
//   says phone or mobile (备用电话, mobile, ...).
const MASK_TARGETS = /("(?:calledPhoneNumber|phoneNumber)"\s*:\s*)("(?:[^"\\]|\\.)*"|-?[0-9][0-9.eE+-]*)|(?<![0-9])(?:(?:(?:\+|00)?86[ \-.]?)?1[3-9][0-9](?:(?:[ \-./_，,]|\s-\s)?[0-9]{4}){2}|(?:(?:\+|00)?86[ \-.]?\(?0?|\(?0)[1-9][0-9]{1,2}\)?[ \-./]?[0-9]{3,4}[ \-./]?[0-9]{4})(?![0-9])/g;
// Words in a member's name that say its value is a phone number.
const PHONE_WORDS = ['phone', 'mobile', '电话', '手机'];
// Digits as people and speech-to-text write them, each one character like its ASCII digit.
const WIDE_DIGITS = { '０': '0', '１': '1', '２': '2', '３': '3', '４': '4', '５': '5', '６': '6',
    '７': '7', '８': '8', '９': '9', '零': '0', '〇': '0', '一': '1', '幺': '1', '二': '2', '三': '3',
    '四': '4', '五': '5', '六': '6', '七': '7', '八': '8', '九': '9' };
const WIDE_DIGIT = /[０-９零〇一幺二三四五六七八九]/g;
// Seven of those in a row: worth making the text's digits ASCII before looking for numbers.
const WIDE_RUN = /[０-９零〇一幺二三四五六七八九]{7}/;

// Digits kept at the start and the end: the console's rule (src/format.rs, kept_digits).
function keptDigits(len) {
    const hidden = Math.max(len - 7, 4);
    const kept = Math.max(len - hidden, 0);
    const end = Math.min(Math.ceil(kept / 2), 4);
    return [Math.min(kept - end, 3), end];
}

function stars(n) {
    return '*'.repeat(Math.max(n, 4));
}

// The digits of a text, in order. (Loops, not regular expressions: each of those costs
// njs microseconds, and an answer has hundreds of numbers.)
function digitsOf(text) {
    let digits = '';
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c >= 48 && c <= 57) {
            digits += text[i];
        }
    }
    return digits;
}

// A phone number with its middle hidden, as the console masks it (src/format.rs, mask_phone):
// `18817501728` -> `188****1728`, `0571-88889999` -> `0571-****9999`, `+8618817501728` ->
// `+86 188****1728`.
function maskPhone(raw) {
    const text = String(raw).trim();
    if (digitsOf(text) === '') {
        return text;
    }
    let prefix = '';
    let rest = text;
    const bare86 = rest.startsWith('86') && digitsOf(rest).length >= 12;
    if (rest.startsWith('+86') || rest.startsWith('0086') || bare86) {
        prefix = '+86 ';
        rest = rest.slice(rest[0] === '+' ? 3 : bare86 ? 2 : 4);
    } else if (rest[0] === '+') {
        prefix = '+';
        rest = rest.slice(1);
    }
    let from = 0;
    while (from < rest.length && ' -()'.indexOf(rest[from]) >= 0) {
        from++;
    }
    rest = rest.slice(from);
    // A landline's area code written apart: `0571-...`, `010 ...`, `(0571)...`.
    const body = rest[0] === '(' ? rest.slice(1) : rest;
    let areaLength = 0;
    while (areaLength < body.length && digitsOf(body[areaLength]) !== '') {
        areaLength++;
    }
    if (body[0] === '0' && areaLength >= 3 && areaLength <= 4 && areaLength < body.length) {
        const local = digitsOf(body.slice(areaLength + 1));
        if (local.length >= 5) {
            const end = Math.min(Math.max(local.length - 4, 0), 4);
            return prefix + body.slice(0, areaLength) + '-' + stars(local.length - end)
                + local.slice(local.length - end);
        }
    }
    const digits = digitsOf(rest);
    if (!digits) {
        return prefix + '****';
    }
    const kept = keptDigits(digits.length);
    return prefix + digits.slice(0, kept[0]) + stars(digits.length - kept[0] - kept[1])
        + digits.slice(digits.length - kept[1]);
}

// Whether a piece of text between two `"` ends inside an escape (`\"`, not `\\"`).
function escapesQuote(piece) {
    let n = 0;
    for (let k = piece.length - 1; k >= 0 && piece.charCodeAt(k) === 92; k--) {
        n++;
    }
    return n % 2 === 1;
}

// Where the JSON strings of `text` are: the offsets of each one's opening and closing `"`,
// flat (start, end, start, end, ...), found by splitting at `"` (a regular expression over
// the strings costs njs 50 times more; bench/README.md). A text that is not JSON (an error
// page) is one string: all of it is text.
function stringSpans(text) {
    let first = 0;
    while (first < text.length && ' \t\r\n'.indexOf(text[first]) >= 0) {
        first++;
    }
    if (text[first] !== '{' && text[first] !== '[') {
        return [-1, text.length];
    }
    const pieces = text.split('"');
    const spans = [];
    let at = pieces[0].length;
    for (let i = 1; i < pieces.length; i += 2) {
        const start = at;
        at += 1 + pieces[i].length;
        while (escapesQuote(pieces[i]) && i + 1 < pieces.length) {
            i++;
            at += 1 + pieces[i].length;
        }
        spans.push(start, at);
        if (i + 1 < pieces.length) {
            at += 1 + pieces[i + 1].length;
        }
    }
    return spans;
}

// The strings written with `\u` escapes, written out instead (`"\u0031\u0033..."` ->
// `"13..."`), so that their digits can be seen; the rest as it was.
function withoutEscapes(text) {
    if (text.indexOf('\\u') < 0) {
        return text;
    }
    const spans = stringSpans(text);
    const out = [];
    let copied = 0;
    for (let i = 0; i < spans.length; i += 2) {
        const start = spans[i];
        const end = spans[i + 1];
        const escape = text.indexOf('\\u', start);
        if (start < 0 || escape < 0 || escape > end) {
            continue;
        }
        try {
            out.push(text.slice(copied, start), JSON.stringify(JSON.parse(text.slice(start, end + 1))));
            copied = end + 1;
        } catch (e) {
            // Not a valid string: left as it is.
        }
    }
    out.push(text.slice(copied));
    return out.join('');
}

// A phone member's value masked as the console masks it; a number becomes a string. A value
// without digits (null, "") stays as it is.
function maskMember(value) {
    const raw = value[0] === '"' ? value.slice(1, -1) : value;
    return digitsOf(raw) === '' ? value : JSON.stringify(maskPhone(raw));
}

// Whether the number value at `start` (outside any string) belongs to a member whose name
// says phone or mobile: `"备用电话": 13912345678`.
function namesAPhone(text, start) {
    let colon = start - 1;
    while (colon >= 0 && ' \t\r\n'.indexOf(text[colon]) >= 0) {
        colon--;
    }
    if (text[colon] !== ':') {
        return false;
    }
    const close = text.lastIndexOf('"', colon);
    const open = close > 0 ? text.lastIndexOf('"', close - 1) : -1;
    const name = open >= 0 ? text.slice(open + 1, close).toLowerCase() : '';
    return PHONE_WORDS.some(function (word) { return name.indexOf(word) >= 0; });
}

// The answer's text with every phone number masked. Works on the text, not a parsed copy:
// ids, counts and every other byte stay as sent (JSON.parse would round ids past 2^53), and a
// run of digits outside a string (a number value) is only masked as a phone member's value.
function maskText(answer) {
    const text = withoutEscapes(answer);
    // Digits written wide or in Chinese are looked for as ASCII, at the same offsets.
    const seen = WIDE_RUN.test(text)
        ? text.replace(WIDE_DIGIT, function (c) { return WIDE_DIGITS[c]; })
        : text;
    const spans = stringSpans(seen);
    const out = [];
    let span = 0;
    let copied = 0;
    let m;
    MASK_TARGETS.lastIndex = 0;
    // exec and lastIndex, not replace: njs 0.7 passes replace's callback a byte offset,
    // which is not a string index once the text holds Chinese.
    while ((m = MASK_TARGETS.exec(seen)) !== null) {
        const end = MASK_TARGETS.lastIndex;
        const start = end - m[0].length;
        // Matches come in order, so one walk over the spans tells inside from outside.
        while (span < spans.length && spans[span + 1] < start) {
            span += 2;
        }
        const inside = span < spans.length && spans[span] < start && end <= spans[span + 1];
        let masked = null;
        if (m[1] && !inside) {
            masked = m[1] + maskMember(m[2]);
        } else if (inside && !m[1]) {
            masked = maskPhone(m[0]);
        } else if (!m[1] && '.eE'.indexOf(seen[end] || ' ') < 0 && namesAPhone(seen, start)) {
            masked = JSON.stringify(maskPhone(m[0]));
        }
        if (masked !== null) {
            out.push(text.slice(copied, start), masked);
            copied = end;
        }
    }
    out.push(text.slice(copied));
    return out.join('');
}

// Per request (njs clones this module for each): the viewer's answer until its last part,
// and whether it came in a form the masking cannot read.
let answerParts = [];
let codeSeen = false;
let unreadable = false;

// A viewer's answer changes length once masked. One that is compressed or partial cannot be
// masked, so it is not sent: an envelope with code 502 goes instead (njs 0.7 cannot change
// the status from here, so the HTTP status stays the upstream's).
function answerHeaders(r) {
    if (role(r) === 'supervisor') {
        return;
    }
    delete r.headersOut['Content-Length'];
    const encoding = String(r.headersOut['Content-Encoding'] || 'identity').toLowerCase();
    if (encoding !== 'identity' || r.status === 206) {
        unreadable = true;
        delete r.headersOut['Content-Encoding'];
        delete r.headersOut['Content-Range'];
        r.headersOut['Content-Type'] = 'application/json; charset=utf-8';
    }
}

// Masks a viewer's answer (whole, once its last part is in) and notes the envelope code
// for the audit log; a supervisor's answer passes part by part, unchanged.
function answerBody(r, data, flags) {
    if (!codeSeen && data.length > 0) {
        codeSeen = true;
        const m = /"code"\s*:\s*"?(-?[0-9]{1,6})/.exec(data.slice(0, 4096).toString());
        r.variables.tanyi_envelope_code = m ? m[1] : '';
    }
    if (role(r) === 'supervisor') {
        return r.sendBuffer(data, flags);
    }
    answerParts.push(data);
    if (!flags.last) {
        return;
    }
    if (unreadable) {
        r.sendBuffer(envelope(r, 'tanyi-unreadable'), flags);
    } else {
        r.sendBuffer(maskText(Buffer.concat(answerParts).toString('utf8')), flags);
    }
    answerParts = [];
}

// ---- Content-Security-Policy of the console ----------------------------------------------

// 'sha256-...' sources for the inline <script> (or <style>) elements of an HTML text.
function inlineHashes(html, tag) {
    const pattern = new RegExp('<' + tag + '\\b([^>]*)>([\\s\\S]*?)</' + tag + '\\s*>', 'gi');
    const sources = [];
    let m;
    while ((m = pattern.exec(html)) !== null) {
        if (/\ssrc\s*=/i.test(m[1])) {
            continue;
        }
        // Browsers hash the text after normalising line breaks to \n.
        const body = m[2].replace(/\r\n?/g, '\n');
        sources.push("'sha256-" + crypto.createHash('sha256').update(body).digest('base64') + "'");
    }
    return sources.join(' ');
}

// The console's policy ($tanyi_csp_policy) with the hashes of the inline script Trunk
// writes into index.html ($tanyi_index_html): whatever build is deployed, no 'unsafe-inline'.
function contentSecurityPolicy(r) {
    const policy = r.variables.tanyi_csp_policy || '';
    let html = '';
    try {
        html = fs.readFileSync(r.variables.tanyi_index_html, 'utf8');
    } catch (e) {
        r.error('tanyi: cannot read ' + r.variables.tanyi_index_html + ' for its inline script hashes');
    }
    return policy
        .replace('INLINE_SCRIPT_HASHES', inlineHashes(html, 'script'))
        .replace('INLINE_STYLE_HASHES', inlineHashes(html, 'style'))
        .replace(/ +;/g, ';')
        .replace(/ {2,}/g, ' ');
}

// ---- Test renderings only (no production rendering has a location that calls these) -----

// The signature of the query's inputs, to check against the NOTES.md vector.
function testSign(r) {
    const a = r.args;
    r.headersOut['Content-Type'] = 'text/plain';
    r.return(200, sign(a.appKey || '', a.appSecret || '', a.tenantSign || '', a.version || '', a.timestamp || ''));
}

// The request body with its phone numbers masked, to check maskText on given text.
function testMask(r) {
    r.headersOut['Content-Type'] = 'text/plain; charset=utf-8';
    r.return(200, maskText(r.requestBuffer ? r.requestBuffer.toString('utf8') : ''));
}

export default {
    appKey, timestamp, signature, version,
    operator, role, operatorHeader, limitKey,
    gate, refused, signedIn,
    answerHeaders, answerBody,
    contentSecurityPolicy,
    testSign, testMask,
};
