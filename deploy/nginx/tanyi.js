// Signing and Content-Security-Policy helpers for the Tanyi console's nginx (njs 0.7+).
//
// The app secret is read here, per request, from nginx's environment or from a
// KEY=value file outside the web root. It never goes into a response, a header sent
// to the browser, or a log line: error messages name what is missing, never a value.

const crypto = require('crypto');
const fs = require('fs');

const VERSION = 'v1';
const NAMES = ['TANYI_APP_KEY', 'TANYI_APP_SECRET', 'TANYI_TENANT_SIGN'];

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

// Test renderings only (no production rendering has a location that calls it):
// the signature of the query's inputs, to check against the NOTES.md vector.
function testSign(r) {
    const a = r.args;
    r.headersOut['Content-Type'] = 'text/plain';
    r.return(200, sign(a.appKey || '', a.appSecret || '', a.tenantSign || '', a.version || '', a.timestamp || ''));
}

export default { appKey, timestamp, signature, version, contentSecurityPolicy, testSign };
