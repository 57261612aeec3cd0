import { TokenizerBuilder, type Tokenizer } from 'lindera-wasm-nodejs-ipadic';

/** One word of a message as the dictionary reads it. */
export interface Token {
  surface: string;
  /** Dictionary form (持っ → 持つ); the surface when the dictionary does not know the word. */
  base: string;
  /** Reading in katakana; the surface when unknown (kana, Latin, digits). */
  reading: string;
  /** Part of speech, e.g. 名詞, 動詞, 助詞. */
  pos: string;
  posDetail: string;
}

interface LinderaToken {
  surface: string;
  baseForm?: string;
  reading?: string;
  partOfSpeech?: string;
  partOfSpeechSubcategory1?: string;
}

let shared: Tokenizer | null = null;

/**
 * The IPADIC dictionary ships inside the package (nothing is downloaded); it is built once per process, on first
 * use, so only the thread that understands messages pays its memory.
 */
function tokenizer(): Tokenizer {
  if (!shared) {
    const builder = new TokenizerBuilder();
    builder.setDictionary('embedded://ipadic');
    builder.setMode('normal');
    shared = builder.build();
  }
  return shared;
}

const known = (value: string | undefined, fallback: string) => (value && value !== '*' ? value : fallback);

export function tokenize(text: string): Token[] {
  if (text.length === 0) return [];
  return (tokenizer().tokenize(text) as LinderaToken[]).map((t) => ({
    surface: t.surface,
    base: known(t.baseForm, t.surface),
    reading: known(t.reading, t.surface),
    pos: known(t.partOfSpeech, ''),
    posDetail: known(t.partOfSpeechSubcategory1, ''),
  }));
}
