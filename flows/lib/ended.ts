import type { Content } from '../content';
import { replyEvent, text, unitOptions, type ReplyEvent } from '../reply';
import type { Lang } from '../purposes';
import { textFor } from './texts';

/** What every flow says about applying once the programme is over: it has ended; fraud and phones remain. */
export function programmeEndedReply(content: Content, lang: Lang, key = 'programmeEnded'): ReplyEvent {
  return replyEvent(
    [text(textFor(content, lang, key))],
    unitOptions(content, ['fraud.overview', 'contact.hotline'], lang),
  );
}
