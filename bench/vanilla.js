// The benchmark's baseline (cargo xtask bench): the calls table of the console written by
// hand, no framework. Same request (config.json's apiBaseUrl, the same JSON body), same
// DOM shape and formatting as src/components/call_table.rs for the zh-CN locale with
// masked numbers, and the same performance mark once the rows are painted.
'use strict';

const MISSING = '—';
const RESULTS = {
  ANSWERED: ['已接听', 'tc-tone-green'], NO_ANSWER: ['未接', 'tc-tone-amber'],
  BUSY: ['占线', 'tc-tone-amber'], POWER_OFF: ['关机', 'tc-tone-grey'],
  OUT_OF_SERVICE: ['被叫停机', 'tc-tone-grey'], REFUSED: ['拒接', 'tc-tone-amber'],
  VACANT_NUMBER: ['空号', 'tc-tone-grey'], CAN_NOT_CONNECT: ['无法接通', 'tc-tone-grey'],
  FROM_PHONE_ERROR: ['主叫号码不可用', 'tc-tone-red'], SYSTEM_ERROR: ['外呼失败', 'tc-tone-red'],
};
const INTENTS = {
  A: ['A级(较强)', 'tc-tone-green'], B: ['B级(一般)', 'tc-tone-green'],
  C: ['C级(无法判断)', 'tc-tone-blue'], D: ['D级(很少)', 'tc-tone-grey'],
  E: ['E级别(需要再次跟进)', 'tc-tone-blue'], F: ['F级别(无需再次跟进)', 'tc-tone-grey'],
};
const READ = { NOT_READ: '未读', HAS_READ: '已读' };
const HEADINGS = ['通话ID', '电话号码', '通话结果', '意向等级', '开始时间', '通话时长', '轮次', '客户关注点', '已读', '录音'];

// src/format.rs mask_phone, for plain digit strings (the stand-in's numbers): 188****1728.
function maskPhone(raw) {
  const text = String(raw == null ? '' : raw).trim();
  if (!text) return MISSING;
  // Already masked (by the proxy, for a viewer): shown as it came, as the console does.
  if (text.includes('*')) return text;
  const digits = text.replace(/\D/g, '');
  if (!digits) return text;
  const len = digits.length;
  const hidden = Math.max(len - 7, 4);
  const kept = Math.max(len - hidden, 0);
  const end = Math.min(Math.ceil(kept / 2), 4);
  const start = Math.min(kept - end, 3);
  return digits.slice(0, start) + '*'.repeat(Math.max(len - start - end, 4)) + digits.slice(len - end);
}

function duration(seconds) {
  if (typeof seconds !== 'number' || seconds < 0) return MISSING;
  const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  const two = (n) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

function dateTime(raw) {
  const text = String(raw == null ? '' : raw).trim();
  if (!text) return MISSING;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!m) return text;
  let out = `${m[1]}-${m[2]}-${m[3]}`;
  if (m[4] !== undefined) out += ` ${m[4]}:${m[5]}`;
  if (m[6] !== undefined) out += `:${m[6]}`;
  return out;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function missing() {
  return el('span', 'tc-missing', MISSING);
}

function badge(tone, code, label) {
  const node = el('span', `tc-badge ${tone}`, label);
  node.setAttribute('data-code', code);
  node.setAttribute('title', label);
  return node;
}

function cell(className, content) {
  const td = el('td', className);
  if (typeof content === 'string') td.textContent = content;
  else if (content) td.appendChild(content);
  return td;
}

function row(call) {
  const tr = el('tr', 'tc-row-link');
  const id = call.callRecordId;
  if (id != null) tr.setAttribute('data-call-id', String(id));
  let idCell = missing();
  if (id != null) {
    idCell = el('a', '', String(id));
    idCell.setAttribute('href', `/calls/${id}`);
  }
  tr.appendChild(cell('tc-call-id', idCell));
  tr.appendChild(cell('tc-phone', maskPhone(call.calledPhoneNumber)));
  const result = RESULTS[call.resultStatus];
  tr.appendChild(cell('tc-result', result ? badge(result[1], call.resultStatus, result[0]) : missing()));
  const intent = INTENTS[call.intentLevel];
  let intentNode = missing();
  if (intent) {
    const name = call.intentLevelName;
    const label = name ? `${call.intentLevel} · ${name}` : intent[0];
    intentNode = badge(intent[1], call.intentLevel, label);
  }
  tr.appendChild(cell('tc-intent', intentNode));
  tr.appendChild(cell('tc-start', dateTime(call.startTime)));
  tr.appendChild(cell('tc-duration', duration(call.chatDuration)));
  tr.appendChild(cell('tc-rounds', call.chatRound == null ? MISSING : String(call.chatRound)));
  const concerns = cell('tc-concerns');
  for (const c of call.customerConcern || []) {
    if (String(c).trim()) concerns.appendChild(el('span', 'tc-chip', String(c)));
  }
  tr.appendChild(concerns);
  tr.appendChild(cell('tc-read', READ[call.readStatus] || MISSING));
  const url = call.fullAudioUrl;
  let recording = missing();
  if (id != null && call.resultStatus === 'ANSWERED' && typeof url === 'string' && /^https?:\/\//i.test(url)) {
    recording = el('button', 'tc-link-button tc-play', '▶ 播放');
    recording.type = 'button';
  }
  tr.appendChild(cell('tc-recording-cell', recording));
  return tr;
}

function table(calls) {
  const scroll = el('div', 'tc-table-scroll');
  const t = el('table', 'tc-table tc-calls-table');
  const head = el('thead');
  const hr = el('tr');
  for (const h of HEADINGS) hr.appendChild(el('th', '', h));
  head.appendChild(hr);
  t.appendChild(head);
  const body = el('tbody');
  for (const call of calls) body.appendChild(row(call));
  t.appendChild(body);
  scroll.appendChild(t);
  return scroll;
}

function markAfterPaint(name) {
  requestAnimationFrame(() => setTimeout(() => {
    performance.clearMarks(name);
    performance.mark(name);
  }, 0));
}

const params = new URLSearchParams(location.search);
const jobId = Number(params.get('job') || '1');
const pageSize = Number(params.get('size') || '100');
const state = { answered: false, seq: 0 };
let apiBase = null;

async function load() {
  const seq = ++state.seq;
  if (apiBase === null) {
    const config = await (await fetch('/config.json')).json();
    apiBase = String(config.apiBaseUrl).replace(/\/+$/, '');
  }
  // The console's body (src/api/query.rs to_body): keys in serde_json's sorted order.
  const body = { pageNum: 1, pageSize, robotCallJobId: jobId };
  if (state.answered) body.resultStatuses = ['ANSWERED'];
  const response = await fetch(`${apiBase}/apiOpen/v1/callRecord/getCallRecordInfoList`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const envelope = await response.json();
  if (seq !== state.seq) return;
  const box = document.getElementById('calls');
  const calls = (envelope && envelope.data && envelope.data.content) || [];
  box.replaceChildren(table(calls));
  markAfterPaint('tanyi:calls-painted');
}

function fail(e) {
  document.getElementById('calls').replaceChildren(el('p', 'tc-error', String(e)));
}

document.querySelector('.tc-filter-chip[data-code="ANSWERED"]').addEventListener('click', (ev) => {
  state.answered = !state.answered;
  ev.currentTarget.setAttribute('aria-pressed', String(state.answered));
  ev.currentTarget.classList.toggle('tc-chip-on', state.answered);
  load().catch(fail);
});

load().catch(fail);
