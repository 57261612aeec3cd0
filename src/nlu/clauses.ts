// A question word of its own (何階, 何時, どこ, いつ, いくら, どう…).
export const ASKS = /(何|なに|なん|どこ|どちら|いつ|いくら|どう|どの|どれ|誰|だれ)/u;

// Words that add a second question: 「…。あと、…？」「…、それと…」; not あとで (later) or それとも (or).
const ADDING = '(?:あと(?![でにからの])|それと(?!も)|それから|ついでに|また)';
const ADDED_AT_START = new RegExp(`^${ADDING}(?:、|,|\\s)*`, 'u');
const ADDED = new RegExp(`(?:^|[。.?？!！\\n、\\s])${ADDING}`, 'u');

/** Whether a message adds a question to another with あと, それと, ついでに… */
export function addsAQuestion(text: string): boolean {
  return ADDED.test(text.normalize('NFKC'));
}

const ENGLISH_SECOND_QUESTION =
  /,?\s+and\s+(?=(?:what|where|when|which|who|how)(?:\s+\w+)?\s+(?:is|are|do|does|should|can|could|will|would|time)\b)/iu;

/**
 * Splits a message into clauses: sentences, and the parts joined by あと / それと / ついでに. A long message is
 * usually context first and the question last; a compound message is two questions.
 */
export function splitClauses(text: string): string[] {
  const normal = text.normalize('NFKC');
  return (
    normal
      .split(new RegExp(`(?<=[。?!\\n])|(?:、|\\s)${ADDING}、?|\\s+(?:and also|also)\\s+`, 'iu'))
      .flatMap((part) => part.split(/(?<=(?:の|[^るすいたなだあ]と))、(?=.{4,})/u))
      // "Where are the counters, and what should I bring?": "and" before a direct question (a question word, then a
      // verb that asks) starts a second question; "…if I'm eligible and how many points I would get" does not.
      .flatMap((part) => part.split(ENGLISH_SECOND_QUESTION))
      // 「…持っていないのですが、何を持っていけば？」: what comes before …ですが is the situation, after it the question.
      .flatMap((part) =>
        part.split(
          /(?<=(?:のですが|んですが|のですけど|んですけど|んだけど|ましたが|ましたけど|ますが|ますけど))、/u,
        ),
      )
      // 「暗証番号を忘れたうえに、証明書も切れてる」: one problem, then another.
      .flatMap((part) => part.split(/(?<=(?:[たいる]し|だし|うえに|上に))、/u))
      // 「窓口は何階で、昼休みは何時から？」: two questions joined by で/て, the first with its own question word, the
      // second with one or a 「？」.
      .flatMap((part) => {
        const at = /(?<=[^\s]{2,}(?:で|て))、/u.exec(part);
        if (!at) return [part];
        const [first, second] = [part.slice(0, at.index + 1), part.slice(at.index + 1)];
        // 「どういう話なのかさっぱりで、」 says what is unclear; it does not ask.
        const asksItself = ASKS.test(first) && !/のか|かどうか/u.test(first);
        return asksItself && (ASKS.test(second) || /[?？]$/u.test(second)) ? [first, second] : [part];
      })
      .map((part) => part.trim().replace(ADDED_AT_START, ''))
      .filter((part) => part.replace(/[\s\p{P}\p{S}]/gu, '').length >= 2)
  );
}

const STATEMENT_END =
  /(ました|ます|ません|でした|です|だった|った|ている|ていて|てる|けど|けれど|けれども|ので|から|が|のですが|んですが|んだけど|だけど|でして|ですが|てしまいました|困って(?:います|る))$/u;
// Words that ask for something outright.
const REQUEST = '教えて|知りたい|ください|下さい|ほしい|欲しい';
const REQUESTS = new RegExp(`(?:${REQUEST}|お願い)`, 'u');
const QUESTION_WORD = new RegExp(
  `(?:どこ|いつ|何|なに|なん|いくら|どう|どの|どれ|誰|だれ|${REQUEST}|でしょう|かしら|\\b(?:what|when|where|how|which|who|why)\\b)`,
  'iu',
);

/** Whether a clause asks for something outright (教えて, ください, お願い…). */
export function requests(clause: string): boolean {
  return REQUESTS.test(clause);
}
const QUESTION_END =
  /(?:か|かな|かね|の|のん|ん|け|べ|へん|ずら|だら|いい|ある|あります|できる|できます|いる|要る|大丈夫|ok|ダメ|だめ|無理|必要)$/iu;
const ENGLISH_QUESTION = /^(?:can|is|are|do|does|did|will|should|could|may|must)\b/iu;

// 「…どうにもできないので、」: a reason given for what is asked next, even when it states a problem (a sentence
// of its own, 「…分からないんだけど。」, still asks for help).
const SUBORDINATE = /(ので|けど|けれど|けれども|ですが|のですが|んですが|んだけど|だけど|のに)$/u;

// 「IDがわからない。」「カードをなくしました。」: a problem stated is a request for help with it.
const PROBLEM =
  /(わからない|分からない|わかりません|分かりません|知らない|なくし|無くし|失くし|紛失|忘れ|困って|切れて|切れた|期限切れ|届かない|できない|つながらない|繋がらない)/u;

/** Whether a clause states a problem (「暗証番号を忘れたんだけど」), which is a request for help with it. */
export function statesProblem(clause: string): boolean {
  return PROBLEM.test(clause.replace(/[\s\p{P}\p{S}]+$/u, ''));
}

/**
 * Whether a clause asks something (a statement of context does not). `strict`: asked in so many words, not a
 * problem stated (「…忘れてしまいそうです」 may be only the background of the question that follows).
 */
export function isQuestion(clause: string, strict = false): boolean {
  const t = clause.replace(/[\s\p{P}\p{S}]+$/u, '');
  if (/[?？]/.test(clause)) return true;
  if (SUBORDINATE.test(t) && !/[。.!！]\s*$/u.test(clause)) return false;
  if (!strict && PROBLEM.test(t)) return true;
  if (STATEMENT_END.test(t) && !/(ます|です)か$/.test(t)) return false;
  return QUESTION_WORD.test(t) || QUESTION_END.test(t) || ENGLISH_QUESTION.test(t.trim());
}

// と between two nouns: after a verb or adjective (申請すると, ないと), inside a kana word (とうろく) or before
// 言う/思う it joins no two things asked.
const COORDINATION =
  /(?<=[\p{Script=Han}\p{Script=Katakana}ーa-zA-Z\p{N}）」]|[^\p{Script=Hiragana}][みり])と(?=、?(?:[\p{Script=Han}\p{Script=Katakana}\p{N}「（]|お|ご))/u;

const TELL_ME =
  /(教えて|おしえて|知りたい|しりたい|分かりますか|わかりますか|わかる|分かる)(ください|下さい|ほしい|欲しい|いただけますか|くださいませんか|もらえますか|くれる|です|ます)?(か)?$/u;

/**
 * 「窓口の場所と休みの日を教えて」 → 「窓口の場所」, 「休みの日を教えて」: the two things one clause asks about,
 * joined by と, or null when it joins none.
 */
export function splitCoordination(clause: string): [string, string] | null {
  const normal = clause.normalize('NFKC').trim();
  const at = normal.search(COORDINATION);
  if (at < 0) return null;
  const left = normal.slice(0, at).trim();
  const right = normal
    .slice(at + 1)
    .replace(/^[、,\s]+/u, '')
    .trim();
  const letters = (t: string) => t.replace(/[\s\p{P}\p{S}]/gu, '').length;
  // 「…を教えて」 asks for each thing; 「…を持っていけばいい？」 asks one thing of both (what to bring).
  const asksForBoth = TELL_ME.test(right.replace(/[\s\p{P}\p{S}]+$/u, ''));
  if (asksForBoth && letters(left) >= 2 && letters(right) >= 2) return [left, right];
  // 「カード申請の締め切りとポイント申込みの締め切りは？」: the same thing asked of two, each named in full.
  const head = /の([^の]{2,})$/u.exec(left)?.[1];
  const again = head ? right.indexOf(head) : -1;
  if (head && again > 0 && letters(right.slice(again + head.length)) <= 6) {
    return [`${left}${right.slice(again + head.length)}`, right];
  }
  // 「保険証と口座、それぞれ何ポイント？」: the question after それぞれ is asked of each.
  const each = /(?:それぞれ|どちらも|両方とも|両方)/u.exec(right);
  if (!each) return null;
  const question = right.slice(each.index + each[0].length).replace(/^[\s、,はのでも]+/u, '');
  const second = right.slice(0, each.index).replace(/[\s、,]+$/u, '');
  if (letters(left) < 2 || letters(second) < 2 || letters(question) < 2) return null;
  return [`${left} ${question}`, `${second} ${question}`];
}
