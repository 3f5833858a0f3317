/** Clauses of a sentence, split at punctuation and at conjunctions that start a new clause. */
const CLAUSE_BREAK = /[,;:()—–]|\s(?:when|while|as|after|before|because|but|whereas)\s/g;

export interface Clause {
  start: number;
  end: number;
  text: string;
}

/** The clause of `sentence` that holds the offset `index`. */
export function clauseAround(sentence: string, index: number): Clause {
  let start = 0;
  let end = sentence.length;
  for (const m of sentence.matchAll(CLAUSE_BREAK)) {
    if (m.index < index) start = m.index + m[0].length;
    else {
      end = m.index;
      break;
    }
  }
  return { start, end, text: sentence.slice(start, end) };
}
