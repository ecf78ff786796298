import { parseDocument, LineCounter } from 'yaml';
import { readFileSync } from 'node:fs';
const lc = new LineCounter();
const d = parseDocument(readFileSync('tests/fixtures/scenarios-bad/not-yaml.yaml','utf8'), { lineCounter: lc, prettyErrors: false });
for (const e of d.errors) console.log(e.code, e.pos, lc.linePos(e.pos[0]), e.message);
const d2 = parseDocument('id: x\nhosts: [a, b\nsteps: []\n', { lineCounter: lc, prettyErrors: false });
for (const e of d2.errors) console.log(e.code, e.pos, e.message);
import { visit } from 'yaml';
visit(d, { Scalar(_k, n) { console.log(n.type, n.range, JSON.stringify(n.value)); } });
