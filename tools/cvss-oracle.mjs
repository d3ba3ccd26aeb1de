// Oracle data generator for premarket's CVSS tests (tests/data/cvss/*.tsv).
// Not part of the build: run it in a scratch folder outside the repository:
//   npm init -y && npm install ae-cvss-calculator@1.0.13 @turingpointde/cvss.js@2.1.0 @pandatix/js-cvss@0.4.4
//   node /path/to/premarket/tools/cvss-oracle.mjs   (see docs/cvss.md)
import { createRequire } from 'module';
import fs from 'fs';
const require = createRequire(import.meta.url);
const ae = require('ae-cvss-calculator');
const pd = await import('@pandatix/js-cvss'); // only cross-checked, see docs/cvss.md
const { CVSS: TP } = await import('@turingpointde/cvss.js');
let pdV31Diff = 0;

// Deterministic PRNG (mulberry32) so the files can be regenerated identically.
let seed = Number(process.env.SEED || 20240601);
function rnd() { seed |= 0; seed = seed + 0x6D2B79F5 | 0; let t = Math.imul(seed ^ seed >>> 15, 1 | seed); t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t; return ((t ^ t >>> 14) >>> 0) / 4294967296; }
const pick = a => a[Math.floor(rnd() * a.length)];

const V31 = [['AV','NALP'],['AC','LH'],['PR','NLH'],['UI','NR'],['S','UC'],['C','HLN'],['I','HLN'],['A','HLN']];
const V31T = [['E','XUPFH'],['RL','XOTWU'],['RC','XURC']];
const V31E = [['CR','XLMH'],['IR','XLMH'],['AR','XLMH'],['MAV','XNALP'],['MAC','XLH'],['MPR','XNLH'],['MUI','XNR'],['MS','XUC'],['MC','XNLH'],['MI','XNLH'],['MA','XNLH']];
const V40 = [['AV','NALP'],['AC','LH'],['AT','NP'],['PR','NLH'],['UI','NPA'],['VC','HLN'],['VI','HLN'],['VA','HLN'],['SC','HLN'],['SI','HLN'],['SA','HLN']];
const V40T = [['E','XAPU']];
const V40E = [['CR','XHML'],['IR','XHML'],['AR','XHML'],['MAV','XNALP'],['MAC','XLH'],['MAT','XNP'],['MPR','XNLH'],['MUI','XNPA'],['MVC','XHLN'],['MVI','XHLN'],['MVA','XHLN'],['MSC','XHLN'],['MSI',['X','S','H','L','N']],['MSA',['X','S','H','L','N']]];
const V40S = [['S','XNP'],['AU','XNY'],['R','XAUI'],['V','XDC'],['RE','XLMH'],['U',['X','Clear','Green','Amber','Red']]];
const vals = v => typeof v === 'string' ? v.split('') : v;
const fmt = x => x.toFixed(1);
const sev = x => x === 0 ? 'NONE' : x < 4 ? 'LOW' : x < 7 ? 'MEDIUM' : x < 9 ? 'HIGH' : 'CRITICAL';

function v31Scores(vec) {
  // Primary: ae-cvss-calculator; must agree with @turingpointde/cvss.js.
  const a = new ae.Cvss3P1(vec).calculateScores();
  const t = TP(vec);
  const r = { base: t.getScore(), temporal: t.getTemporalScore(), env: t.getEnvironmentalScore() };
  if (a.base !== r.base) throw new Error('oracles disagree on base ' + vec + ' ' + a.base + ' ' + r.base);
  if (a.temporal !== undefined && a.temporal !== r.temporal) throw new Error('temporal ' + vec + ' ' + a.temporal + ' ' + r.temporal);
  if (a.environmental !== undefined && a.environmental !== r.env) throw new Error('env ' + vec + ' ' + a.environmental + ' ' + r.env);
  const p = new pd.CVSS31(vec);
  if (p.BaseScore() !== r.base || p.TemporalScore() !== r.temporal || p.EnvironmentalScore() !== r.env) pdV31Diff++;
  return r;
}
function v31Line(parts) {
  const vec = 'CVSS:3.1/' + parts.map(([k, v]) => k + ':' + v).join('/');
  const s = v31Scores(vec);
  const defined = parts.some(([k, v]) => v !== 'X' && (V31T.concat(V31E)).some(([m]) => m === k));
  return [vec, fmt(s.base), sev(s.base), defined ? fmt(s.temporal) : '', defined ? fmt(s.env) : ''].join('\t');
}
function v40Scores(vec) {
  const a = new ae.Cvss4P0(vec).calculateScores().overall;
  const p = new pd.CVSS40(vec).Score();
  return { ae: a, pd: p };
}

const mode = process.argv[2];
if (mode === 'v31base') {
  const out = [];
  const rec = (i, acc) => { if (i === V31.length) { out.push(v31Line(acc)); return; } for (const v of vals(V31[i][1])) rec(i + 1, acc.concat([[V31[i][0], v]])); };
  rec(0, []);
  process.stdout.write(out.join('\n') + '\n');
  process.stderr.write(`pandatix v3.1 differs on ${pdV31Diff}\n`);
} else if (mode === 'v31') {
  const n = Number(process.argv[3]); const out = [];
  for (let i = 0; i < n; i++) {
    let parts = V31.map(([k, v]) => [k, pick(vals(v))]);
    const r = rnd();
    if (r < 0.35 || r >= 0.7) for (const [k, v] of V31T) if (rnd() < 0.6) parts.push([k, pick(vals(v))]);
    if (r >= 0.35) for (const [k, v] of V31E) if (rnd() < 0.5) parts.push([k, pick(vals(v))]);
    if (rnd() < 0.15) { for (let j = parts.length - 1; j > 0; j--) { const q = Math.floor(rnd() * (j + 1)); [parts[j], parts[q]] = [parts[q], parts[j]]; } }
    out.push(v31Line(parts));
  }
  process.stdout.write(out.join('\n') + '\n');
  process.stderr.write(`pandatix v3.1 differs on ${pdV31Diff}\n`);
} else if (mode === 'v40') {
  // n random vectors, plus every vector (up to `ties`) where the two oracles differ.
  const n = Number(process.argv[3]), ties = Number(process.argv[4]), pool = Number(process.argv[5]);
  const out = [], tie = []; let disagree = 0;
  for (let i = 0; i < pool; i++) {
    let parts = V40.map(([k, v]) => [k, pick(vals(v))]);
    const r = rnd();
    if (r < 0.5) parts.push(['E', pick(vals('XAPU'))]);
    if (rnd() < 0.6) for (const [k, v] of V40E) if (rnd() < 0.35) parts.push([k, pick(vals(v))]);
    if (rnd() < 0.4) for (const [k, v] of V40S) if (rnd() < 0.3) parts.push([k, pick(vals(v))]);
    const vec = 'CVSS:4.0/' + parts.map(([k, v]) => k + ':' + v).join('/');
    const s = v40Scores(vec);
    const line = [vec, fmt(s.ae), sev(s.ae)].join('\t');
    if (s.ae !== s.pd) { disagree++; if (tie.length < ties) tie.push(line + '\t' + fmt(s.pd)); }
    else if (out.length < n) out.push(line);
  }
  fs.writeFileSync('/tmp/oracle/v40_ties.txt', tie.join('\n') + '\n');
  process.stderr.write(`pool ${pool} disagreements ${disagree}\n`);
  process.stdout.write(out.concat(tie.map(l => l.split('\t').slice(0, 3).join('\t'))).join('\n') + '\n');
} else if (mode === 'v40base') {
  // Every base vector: vector, ae score, pandatix score.
  const out = [];
  const rec = (i, acc) => { if (i === V40.length) { const vec = 'CVSS:4.0/' + acc.join('/'); const s = v40Scores(vec); out.push(vec + '\t' + fmt(s.ae) + '\t' + fmt(s.pd)); return; } for (const v of vals(V40[i][1])) rec(i + 1, acc.concat([V40[i][0] + ':' + v])); };
  rec(0, []);
  process.stdout.write(out.join('\n') + '\n');
}
