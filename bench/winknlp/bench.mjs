// Measures wink-nlp's date and number entities (wink-eng-lite-web-model) on
// the texts of a JSON-lines file (field "text"), on one core, and prints one
// JSON line:
// {"peer":"wink-nlp","words":N,"seconds":S,"words_per_second":W,"dates":D,"numbers":K}.
// Usage: node bench.mjs FILE.jsonl [repeat]
import { readFileSync } from "node:fs";
import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";

const [file, repeatArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: node bench.mjs FILE.jsonl [repeat]");
  process.exit(2);
}
const repeat = Number(repeatArg || 1);
const texts = readFileSync(file, "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .map((l) => JSON.parse(l).text || "")
  .filter((t) => t.trim() !== "");
const words = texts.reduce((n, t) => n + t.split(/\s+/).filter(Boolean).length, 0) * repeat;

const nlp = winkNLP(model);
const its = nlp.its;
const dateTypes = new Set(["DATE", "TIME", "DURATION"]);
const numberTypes = new Set(["CARDINAL", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"]);

// One untimed pass warms the JIT, as the Go side's benchmark loop warms caches.
for (const t of texts.slice(0, 20)) nlp.readDoc(t).entities().out(its.detail);

let dates = 0;
let numbers = 0;
const start = process.hrtime.bigint();
for (let r = 0; r < repeat; r++) {
  for (const t of texts) {
    for (const e of nlp.readDoc(t).entities().out(its.detail)) {
      if (dateTypes.has(e.type)) dates++;
      else if (numberTypes.has(e.type)) numbers++;
    }
  }
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(JSON.stringify({ peer: "wink-nlp", words, seconds, words_per_second: words / seconds, dates, numbers }));
