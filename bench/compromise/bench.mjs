// Measures compromise's people/places/organizations extraction on the texts
// of a JSON-lines file (field "text"), on one core, and prints one JSON line:
// {"peer":"compromise","words":N,"seconds":S,"words_per_second":W,"entities":E}.
// Usage: node bench.mjs FILE.jsonl [repeat]
import { readFileSync } from "node:fs";
import nlp from "compromise";

const [file, repeatArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: node bench.mjs FILE.jsonl [repeat]");
  process.exit(2);
}
const repeat = Number(repeatArg || 1);
const texts = readFileSync(file, "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .map((l) => JSON.parse(l).text || "");
const words = texts.reduce((n, t) => n + t.split(/\s+/).filter(Boolean).length, 0) * repeat;

// One untimed pass warms the JIT, as the Go side's benchmark loop warms caches.
for (const t of texts.slice(0, 20)) nlp(t).people().out("array");

let entities = 0;
const start = process.hrtime.bigint();
for (let r = 0; r < repeat; r++) {
  for (const t of texts) {
    const doc = nlp(t);
    entities += doc.people().out("array").length;
    entities += doc.places().out("array").length;
    entities += doc.organizations().out("array").length;
  }
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(JSON.stringify({ peer: "compromise", words, seconds, words_per_second: words / seconds, entities }));
