import type { z } from 'zod';

/** What each field of a notice file is, for staff reading an error. */
const FIELD_NAMES: Record<string, string> = {
  messages: 'メッセージ',
  audience: '送り先',
  sendAt: '送信日時',
  sender: '送信者',
  dryRun: '試し送信',
  text: '本文',
  type: 'メッセージの種類',
  kind: '送り先の種類',
  topic: '話題',
  altText: '代替テキスト',
  contents: 'Flexの中身',
};

function fieldOf(path: (string | number)[]): string {
  if (path.length === 0) return 'ファイル全体';
  const written = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
  const last = [...path].reverse().find((p) => typeof p === 'string');
  const name = typeof last === 'string' ? FIELD_NAMES[last] : undefined;
  return name ? `${written}（${name}）` : written;
}

const TYPE_NAMES: Record<string, string> = {
  string: '文字列',
  number: '数値',
  boolean: 'true か false',
  object: '{ } のオブジェクト',
  array: '[ ] の配列',
};

/** One Japanese line per problem, naming the field as written in the file. */
export function describeIssuesJa(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = fieldOf(issue.path);
    switch (issue.code) {
      case 'invalid_type':
        return issue.received === 'undefined'
          ? `${field}: 必須です。`
          : `${field}: ${TYPE_NAMES[issue.expected] ?? issue.expected}で書いてください。`;
      case 'invalid_union_discriminator':
        return `${field}: ${issue.options.map((o) => `"${String(o)}"`).join(' か ')} のどれかにしてください。`;
      case 'invalid_literal':
        return `${field}: "${String(issue.expected)}" にしてください。`;
      case 'unrecognized_keys':
        return `${field}: 使えない項目があります: ${issue.keys.join(', ')}`;
      case 'too_small':
        return issue.type === 'array'
          ? `${field}: ${issue.minimum}個以上にしてください。`
          : issue.type === 'string' && issue.minimum === 1
            ? `${field}: 空にはできません。`
            : `${field}: ${issue.minimum}${issue.type === 'string' ? '文字' : ''}以上にしてください。`;
      case 'too_big':
        return issue.type === 'array'
          ? `${field}: LINEが一度に送れるのは${issue.maximum}個までです。`
          : `${field}: ${Number(issue.maximum).toLocaleString()}${issue.type === 'string' ? '文字' : ''}以内にしてください。`;
      case 'invalid_string':
        return issue.path.at(-1) === 'sendAt'
          ? `${field}: 2023-05-25T09:00:00+09:00 のように、時差（+09:00）つきの日時で書いてください。`
          : `${field}: 書き方が正しくありません。`;
      default:
        return issue.path.at(-1) === 'sendAt'
          ? `${field}: 実在する日時にしてください。`
          : `${field}: 値が正しくありません（${issue.message}）。`;
    }
  });
}

/** A broken JSON file's problem in Japanese, with its line and column when the parser says where. */
export function describeJsonErrorJa(text: string, error: Error): string {
  const position = /at position (\d+)/.exec(error.message)?.[1];
  if (position === undefined)
    return /Unexpected end of JSON input/.test(error.message)
      ? 'JSONが途中で終わっています（閉じる } や ] が足りないかもしれません）。'
      : `JSONとして読めません（${error.message}）。`;
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  const column = Number(position) - before.lastIndexOf('\n');
  return `JSONとして読めません：${line}行目${column}文字目（カンマの過不足や、閉じていない " がないか確かめてください）。`;
}
