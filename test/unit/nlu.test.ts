import { loadContent } from '../../src/content/load';
import { createUnderstanding, type DialogueMemory } from '../../src/nlu';
import { analyse } from '../../src/nlu/analysis';
import { parseAnswer, parseControl } from '../../src/nlu/answers';
import { addsAQuestion, splitClauses, splitCoordination } from '../../src/nlu/clauses';
import { detectScript } from '../../src/nlu/language';
import { formsOf, Lexicon } from '../../src/nlu/lexicon';
import { romajiToKana } from '../../src/nlu/romaji';
import { UnitMatcher } from '../../src/nlu/matcher';
import { mergeSlots } from '../../src/nlu/memory';
import { readSlots } from '../../src/nlu/slots';

const content = loadContent();
const nlu = createUnderstanding(content);

/** Reads messages one after the other, each against the last answered question. */
function converse(...messages: string[]) {
  let memory: DialogueMemory | null = null;
  let last = nlu.understand(messages[0]!);
  for (const [i, text] of messages.entries()) {
    last = i === 0 ? last : nlu.understand(text, memory);
    memory = last.memory ?? memory;
  }
  return last;
}

describe('understanding: concepts, not sentences', () => {
  /** The line a message is handed to, or the units that answered it (which no hand-off expects). */
  const handoffOf = (text: string) => {
    const u = nlu.understand(text);
    return u.units.length > 0 ? u.units : u.handoff;
  };
  /** What a message is answered with and the line its other question is handed to, if any. */
  const answeredAndHandedOff = (text: string) => {
    const { units, handoff } = nlu.understand(text);
    return { units, handoff };
  };

  it.each([
    ['チャージしたときのポイントって何割くらい付くんでしたっけ', 'points.cashless'],
    ['暗唱番号をわすれてしまいました', 'card.pinReset'],
    ['まいなぽいんとの もうしこみきかん', 'deadline.points'],
    // A loanword typed in hiragana, its long vowel with ー.
    ['ちゃーじっていつまでにすればいいの', 'deadline.charge'],
    ['まいなんばーかーどの しんせい まどぐち どこ', 'card.new'],
    ['公金受け取り講座のポイントはいくら', 'points.account'],
    ['ﾏｲﾅﾝﾊﾞｰｶｰﾄﾞ なくしちゃった', 'card.lost'],
    ['わざわざ窓口行かないとダメ？', 'apply.online'],
    ['何から始めればいい？', 'apply.how'],
    ['持って行くべきものをご教示ください', 'items.overview'],
    ['窓口は夕方何時に締め切られますか', 'counter.closing'],
    // 市への (to the city), not only 市の: the city's contact, not the national hotline.
    ['市への問い合わせ先は？', 'contact.city'],
    ['What can this chatbot do for me?', 'menu'],
    ['窓口に持ってくもん、何があるんけ？', 'items.overview'],
    ['ねつあるけど まどぐち いっていい？', 'counter.health'],
    ['母は日本語が苦手です。英語で聞ける電話はありますか', 'contact.multilingual'],
    // 「12時から13時の間」: the dictionary's 時の間 is no unknown word.
    ['12時から13時の間って受付してる？', 'counter.lunch'],
    // 「市役所だけ？」 after asking where narrows nothing: it asks where else too.
    ['窓口はどこ？市役所だけ？', 'counter.places'],
    // Anywhere but the city hall asks for the other places, even typed in kana.
    ['しやくしょいがいで てつづき できる？', 'counter.places'],
    // Having no payment service yet asks which there are (やってない here is not the counter being closed).
    ['キャッシュレスはなんもやってないです', 'service.list'],
    // Common conversion slips: 何字 for 何時, 詐偽 for 詐欺.
    ['支援窓口は何字から？', 'counter.opening'],
    ['マイナポイントの詐偽に注意することは？', 'fraud.overview'],
    ['What is the toll-free number?', 'contact.hotline'],
    // Whether officials ever do it is the overview; that someone did it to me is a report.
    ['市の職員が電話で口座番号を聞くことはありますか', 'fraud.overview'],
    ['市の職員を名乗る人が通帳を預かりに来るって言ってる', 'fraud.report'],
    ["A man called saying he's from the city and asked for my PIN.", 'fraud.report'],
    ['窓口に行くとき忘れちゃいけないものは？', 'items.overview'],
    // 家から is not always online: 家から近い asks where.
    ['家から近い窓口は？', 'counter.places'],
    ['最寄りの支援窓口', 'counter.places'],
    ['マイナポイントの件でATMに行けと言われました', 'fraud.report'],
    ['カードの作り方', 'card.new'],
    // 大丈夫 asks whether something will do; it is not a question about opening hours by itself.
    ['キャッシュカードでも大丈夫？', 'items.account'],
    ['今行っても大丈夫？', 'counter.openOn'],
    ['暗証番号を設定し直したい', 'card.pinReset'],
    // Not remembering it, said politely (覚えてません), is forgetting it.
    ['暗証番号を全然覚えてません。どうすればいいですか', 'card.pinReset'],
    // 過ぎ is a deadline passed, not a card expired, unless 期限 is what passed.
    ['5月末を過ぎたらポイントの申込みはもう無理？', 'deadline.points'],
  ])('%s → %s', (text, unit) => {
    expect(nlu.understand(text).units).toEqual([unit]);
  });

  it('does not penalise a long message for explaining itself', () => {
    const u = nlu.understand(
      '母が来週窓口に行くと言っていて、私は仕事で付き添えないので代わりに確認しています。持ち物を教えてください。',
    );
    expect(u.units).toEqual(['items.overview']);
  });

  it("reads finding the phone or the internet hard (苦手, 不慣れ, 自信がない) as asking for the counter's help", () => {
    expect(nlu.understand('スマホに不慣れなので、誰かに手伝ってもらえると助かるのですが').units).toEqual([
      'apply.counterSupport',
    ]);
    expect(nlu.understand('ネットに自信がないんだけど手伝ってもらえる？').units).toEqual([
      'apply.counterSupport',
    ]);
  });

  it('reads a question word in regional speech (どごさ: where)', () => {
    expect(nlu.understand('支援窓口はどごさあるの？').units).toEqual(['counter.places']);
  });

  it('reads a casual negative (つながんない) as the line not connecting', () => {
    expect(nlu.understand('フリーダイヤル全然つながんないんだけど').units).toEqual([
      'contact.hotlineFallback',
    ]);
  });

  it('answers a clear question despite one word it does not know (三が日, 自身)', () => {
    expect(nlu.understand('年始の三が日は窓口やってないですよね').units).toEqual(['counter.yearEnd']);
    expect(nlu.understand('私自身はポイントをいただけるのか確認したいです').units).toEqual([
      'eligibility.check',
    ]);
  });

  it('answers what the counter said it cannot do once: where to ask is part of that answer', () => {
    expect(
      nlu.understand(
        '窓口でこのサービスは申込みできないと断られました。どういうことですか。どこに聞けばいいですか',
      ).units,
    ).toEqual(['apply.counterNotAvailable']);
  });

  it('answers both questions of a compound message', () => {
    expect(nlu.understand('窓口の場所と、休みの日を教えて').units).toEqual([
      'counter.places',
      'counter.closedDays',
    ]);
  });

  it("keeps the question's own answer when the context names a unit that lacks what it asks (how much)", () => {
    expect(
      nlu.understand(
        '第1弾のときは何もしてなくて、今回初めて申し込みます。満額もらうにはいくらくらい買い物すればいい？',
      ).units,
    ).toEqual(['points.cashless']);
  });

  it('answers a question added with あと after a question asked with 「？」 as a question of its own', () => {
    // Read against the first, 「対象者って誰？」 gave way to the points' total, which the first already asked.
    expect(nlu.understand('最大何ポイント？あと対象者って誰？').units).toEqual([
      'points.overview',
      'eligibility.who',
    ]);
  });

  it('hands off a second question asked with 「？」 that nothing answers, though it names no silent subject', () => {
    expect(
      answeredAndHandedOff('年末年始はいつからいつまで休み？その間に急ぎの用があるときはどうすればいい？'),
    ).toEqual({ units: ['counter.yearEnd'], handoff: 'city' });
    // Read with the first, the second would only get the points again.
    expect(answeredAndHandedOff('保険証の登録で何ポイント？その登録はあとで取り消せる？')).toEqual({
      units: ['points.health'],
      handoff: 'hotline',
    });
    // 「それとも」 asks the first question another way: nothing is left to hand off.
    expect(answeredAndHandedOff('ポイントは自動でつくの？それとも手続きがいるの？').handoff).toBeNull();
  });

  it('answers 「A？それとも B？」 once: それとも asks the same question the other way', () => {
    expect(
      nlu.understand('決済アプリの登録は家で済ませておくべきですか？それとも窓口でやってもらえますか？')
        .units,
    ).toEqual(['counter.setupService']);
  });

  it('answers the one of two questions the page answers and hands the other to its line', () => {
    expect(answeredAndHandedOff('支援窓口は何階ですか？駐車場はありますか？')).toEqual({
      units: ['counter.cityHall'],
      handoff: 'city',
    });
    expect(answeredAndHandedOff('お昼休みは何時まで？その間、中で待たせてもらえますか？')).toEqual({
      units: ['counter.lunch'],
      handoff: 'city',
    });
    // Both answered: nothing is handed off.
    expect(nlu.understand('窓口の場所と、休みの日を教えて').handoff).toBeNull();
    // A second question that only leans on a first the page does not answer (いつから？) is not answered alone.
    expect(nlu.understand('紙の保険証ってなくなるってほんと？いつから？').units).toEqual([]);
  });

  it('answers a first question that names no subject when nothing else comes near it, and hands off the other', () => {
    expect(answeredAndHandedOff('窓口は何時から？それと車で行ったら停める所ある？')).toEqual({
      units: ['counter.opening'],
      handoff: 'city',
    });
    expect(answeredAndHandedOff('受付は何時まで？ポイントの有効期限は？')).toEqual({
      units: ['counter.closing'],
      handoff: 'hotline',
    });
    // Read alone, 「今日って窓口混んでますか？」 is closest to whether the counter is open today, which leaves out
    // what it asks (混雑): the whole message is handed off rather than answered about the wrong thing.
    expect(nlu.understand('今日って窓口混んでますか？待ち時間は何分くらい？').units).toEqual([]);
  });

  it('splits a message read as one question when it plainly asks a second that the page does not answer', () => {
    expect(
      answeredAndHandedOff('公金受取口座を登録したら何ポイント？口座はあとで別のに変えられる？'),
    ).toEqual({
      units: ['points.account'],
      handoff: 'hotline',
    });
    // Without question marks the clauses may be one question told at length, 「…ですか。…ますか。」 as in a long
    // polite message: it is answered as one.
    expect(
      answeredAndHandedOff('公金受取口座を登録したら何ポイントですか。口座はあとで別のに変えられますか。'),
    ).toEqual({ units: ['points.account'], handoff: null });
  });

  it('answers both things asked for with one 教えて, joined by と', () => {
    expect(nlu.understand('窓口の場所と休みの日を教えて').units).toEqual([
      'counter.places',
      'counter.closedDays',
    ]);
    expect(nlu.understand('持ち物と受付時間を教えてください').units).toEqual(
      expect.arrayContaining(['items.overview', 'counter.hours']),
    );
    // One thing asked of both (what to bring) is one answer, not two.
    expect(nlu.understand('マイナンバーカードと暗証番号を持っていけばいいですか').units).toHaveLength(1);
  });

  it('answers what is asked outright for the place named, when torn between the place and the fact', () => {
    expect(nlu.understand('泉支所は何時まで開いていますか').units).toEqual(['counter.closing']);
    expect(nlu.understand('泉支所は何階ですか').units).toEqual([]);
    // Unless the closest is a question the page does not answer: where to download the app is not the
    // counter's help with setting it up.
    expect(nlu.understand('マイナポイントのアプリはどこでダウンロードできますか').units).toEqual([]);
  });

  it('reads the second thing asked as of what the first is of (「Aの番号と受付時間」: the hours of A)', () => {
    expect(nlu.understand('マイナンバー総合フリーダイヤルの電話番号と受付時間を知りたい').units).toEqual([
      'contact.hotline',
      'contact.hotlineHours',
    ]);
    expect(nlu.understand('市役所の問い合わせ先を知りたいです').units).toEqual(['contact.city']);
    // 時間 alone would be the counter's hours: the フリーダイヤルの before it says whose.
    expect(nlu.understand('フリーダイヤルの番号と時間教えて').units).toEqual([
      'contact.hotline',
      'contact.hotlineHours',
    ]);
    // The same when a comma after the と splits the message in two.
    expect(nlu.understand('フリーダイヤルの番号と、何時までやってるか教えて').units).toEqual([
      'contact.hotline',
      'contact.hotlineHours',
    ]);
  });

  it("answers with a group's overview when a message is torn between its parts", () => {
    expect(
      nlu.understand('カードの申請とポイントの申込みとチャージの締め切りをそれぞれ知りたい').units,
    ).toEqual(['deadline.overview']);
    expect(nlu.understand('カード申請・ポイント申込み・チャージの期限は？').units).toEqual([
      'deadline.overview',
    ]);
    // One part named is that part, and an overview far behind is not a part torn between.
    expect(nlu.understand('チャージの期限は？').units).toEqual(['deadline.charge']);
    expect(converse('キャッシュレスのポイントは何％？', '第1弾で一度もらっていても？').units).toEqual([
      'points.cashless.phase1',
    ]);
  });

  it('asks the same thing of two when each is named in full (AのXとBのXは？)', () => {
    expect(splitCoordination('泉支所の場所と南熱海支所の場所は？')).toEqual([
      '泉支所の場所は?',
      '南熱海支所の場所は?',
    ]);
    expect(nlu.understand('ポイント申込みの締め切りとチャージの締め切りはいつ？').units).toEqual([
      'deadline.points',
      'deadline.charge',
    ]);
  });

  it('answers the question after それぞれ for each of the two things joined by と', () => {
    expect(splitCoordination('保険証と口座、それぞれいくらもらえますか')).toEqual([
      '保険証 いくらもらえますか',
      '口座 いくらもらえますか',
    ]);
    expect(
      nlu.understand('健康保険証の登録と公金受取口座の登録、それぞれ何ポイントですか？').units.sort(),
    ).toEqual(['points.account', 'points.health']);
  });

  it('sends a question the page does not answer to the hand-off, with the right line', () => {
    expect(handoffOf('車椅子を貸してもらえますか')).toBe('city');
    expect(handoffOf('熱海市に住んでないけど、熱海の支援窓口で申し込める？')).toBe('city');
    expect(handoffOf('ポイントの有効期限はいつまでですか')).toBe('hotline');
    // The page gives the city's number, not the hours its phone is answered.
    expect(handoffOf('市の担当部署の電話は土日もつながる？')).toBe('city');
    // コンビニ is a word of more than one known unknown: the closest one chooses the line (applying there is
    // the national programme's business, not the city's).
    expect(handoffOf('コンビニでマイナポイントの申込みはできる？')).toBe('hotline');
    // A word the lexicon has never seen, asked about, is not answered with a neighbouring fact.
    expect(nlu.understand('窓口に傘立てはありますか').units).toEqual([]);
    // The page names one fee (reissuing a lost card); a fee for anything else is not on it.
    expect(nlu.understand('電子証明書の更新に手数料はかかる？').units).toEqual([]);
    expect(handoffOf('窓口で手伝ってもらうのにお金かかる？')).toBe('city');
    expect(nlu.understand('カードの再発行にお金かかる？').units).toEqual(['card.lost']);
    // A feature phone is not a smartphone: whether one will do is not on the page.
    expect(nlu.understand('ガラケーでも手続きできる？').units).toEqual([]);
    // Nor whether two people may apply from one phone.
    expect(nlu.understand('妻とスマホを共有しています。このスマホで二人分申し込めますか').units).toEqual([]);
    // Numbered tickets at the counter are the city's to tell, not the national line's.
    expect(handoffOf('窓口で整理券は配っていますか')).toBe('city');
    // The city hall's canteen, photos for the card, the card on a phone, living abroad: none is on the page.
    expect(handoffOf('市役所の食堂は何時まで開いてますか')).toBe('city');
    expect(handoffOf('申請用の写真は何時まで撮れますか')).toBe('city');
    expect(nlu.understand('カードをスマホに入れて使えますか').units).toEqual([]);
    expect(handoffOf('海外赴任中でもポイントの申込みは間に合いますか')).toBe('hotline');
    // Lending a phone at the counter, or a slip to take home: the city's to tell. 控える (to refrain) is no slip.
    expect(handoffOf('窓口でタブレットを借りることはできますか')).toBe('city');
    expect(handoffOf('手続きの後に受領証は出ますか')).toBe('city');
    expect(nlu.understand('熱があるので来庁を控えたほうがいいですか').units).toEqual(['counter.health']);
    // A changed surname, a cracked card: neither is on the page, however close to the card's own units.
    expect(nlu.understand('結婚で苗字が変わりました。カードはそのままでいいですか').units).toEqual([]);
    expect(handoffOf('マイナンバーカードが割れたのですが窓口で直せますか')).toBe('city');
    // Closures for a typhoon, parking at a branch, a complaint about the counter: the city's to tell.
    expect(handoffOf('台風が来ている日は窓口は開いていますか')).toBe('city');
    expect(handoffOf('支所の前に車停められる？')).toBe('city');
    expect(handoffOf('窓口の職員の対応が悪かったので苦情を言いたいです')).toBe('city');
    // Lost property at the city hall is the city's to tell.
    expect(handoffOf('窓口に財布の落とし物が届いていませんか')).toBe('city');
    // Whether the city's counter serves people living in another prefecture is the city's to tell.
    expect(handoffOf('他県に住んでいる母も熱海の支援窓口を使えますか')).toBe('city');
    // How many wrong PINs lock the card, a mask handed out at the counter, the portal site, an error on the
    // screen: none is on the page, however close to the PIN, the mask, the programme or the steps.
    expect(handoffOf('暗証番号はあと何回まで間違えられますか')).toBe('hotline');
    expect(handoffOf('暗証番号って何回まちがえるとロックされますか')).toBe('hotline');
    expect(nlu.understand('暗証番号を何回か間違えてロックされました').units).toEqual(['card.pinReset']);
    expect(handoffOf('窓口でマスクをもらえますか')).toBe('city');
    // Nor whether someone else may do it for the resident; an item that stands in for another is on the page.
    // Who may come for someone to a counter of the city (the support counter, 市民生活課's reset or pick-up) is
    // the city's to say (fixtures/nlu/lines.md); who may apply for someone's points, the national line's.
    expect(handoffOf('母の暗証番号の再設定、家族が代わりにやってもいいですか')).toBe('city');
    expect(handoffOf('入院中の夫に代わって、妻の私が窓口で申込みをしてもらえますか')).toBe('city');
    expect(handoffOf('施設にいる祖母のマイナンバーカードを孫が代わりに受け取れますか')).toBe('city');
    expect(handoffOf('父の分のポイントを代理で申し込めますか')).toBe('hotline');
    // What is written on the card and its photo are 市民生活課's; whether the card is compulsory and what the
    // multilingual line costs are the national programme's.
    expect(handoffOf('マイナンバーカードに旧姓を併記できますか')).toBe('city');
    expect(handoffOf('カード用の顔写真は自分で撮ったものでも大丈夫？')).toBe('city');
    expect(handoffOf('マイナンバーカードを作るのは義務なんですか')).toBe('hotline');
    expect(handoffOf('0570の番号は通話料がかかりますか')).toBe('hotline');
    expect(nlu.understand('キャッシュカードの代わりに通帳でもいいですか').units).toEqual(['items.account']);
    // Nor a phone line in a language the page does not list; the five it lists have theirs.
    expect(handoffOf('ベトナム語で相談できる電話はありますか')).toBe('hotline');
    expect(nlu.understand('中国語で電話できますか').units).toEqual(['contact.multilingual']);
    // Nor whether a visit to a counter needs booking: 予約 alone is the page's word for applying for the points.
    expect(handoffOf('窓口に行く前に予約っているの？')).toBe('city');
    expect(handoffOf('支援窓口って予約しておいた方がいいですか')).toBe('city');
    expect(handoffOf('マイナポータルって何')).toBe('hotline');
    expect(handoffOf('申込み画面でエラーが出ました、どうすれば？')).toBe('hotline');
    // Nor the card at the doctor's, how many years a certificate lasts, or what to do once a link was opened.
    expect(handoffOf('マイナ保険証で受診すると薬の情報も見られるの')).toBe('hotline');
    expect(handoffOf('電子証明書は何年間有効ですか')).toBe('hotline');
    // Once a link was opened it is fraud in general: the national line's (fixtures/nlu/lines.md).
    expect(handoffOf('変なリンクを押してしまったらどうなる？')).toBe('hotline');
    expect(handoffOf('自分のマイナンバーを忘れました')).toBe('city');
  });

  it('hands off a particular (a floor, a time) that the closest unit never answers, unless the match is strong', () => {
    // No example of the city's contact unit asks for a floor: the page gives the office's phone, not its floor.
    expect(nlu.understand('企画室って何階にありますか').units).toEqual([]);
    // The counter's floor and closing time are on the page, and asked for by the units' examples.
    expect(nlu.understand('本庁舎の何階でやってますか').units).toEqual(['counter.cityHall']);
    expect(nlu.understand('窓口は何時まで？').units).toEqual(['counter.closing']);
    // The page says what registering an account or the health insurance use earns, not how to register.
    expect(nlu.understand('公金受取口座の登録のやり方は？').units).toEqual([]);
    expect(nlu.understand('How can I link my card to my health insurance?').units).toEqual([]);
    // The page names the branch offices but gives no address: 「近くの支所で」 in an example asks for none either.
    expect(nlu.understand('泉支所ってどこにありますか').units).toEqual([]);
    expect(nlu.understand('近くの窓口はどこですか').units).toEqual(['counter.places']);
  });

  it('hands off a particular asked for outright (何日, いつから) that a strongly matched unit never answers', () => {
    // 通話料 is a fee: the page says the 050 line charges for calls, and nothing of the multilingual line's.
    expect(nlu.understand('0570の番号は通話料かかりますか').units).toEqual([]);
    expect(nlu.understand('050の番号は通話料がかかりますか').units).toEqual(['contact.hotlineFallback']);
    // "Free of charge" asks for a fee, which the page does not give for the support counter's help.
    expect(nlu.understand('Is the support counter free of charge?').units).toEqual([]);
    // The lost card's unit says how to stop and reissue the card, not how long a reissue takes.
    expect(nlu.understand('カードをなくしました。再発行は何日でできますか').units).toEqual([]);
    // The card's validity is on the page; from when it can be renewed is not.
    expect(nlu.understand('カードの有効期限が切れそうです。いつから更新できますか').units).toEqual([]);
  });

  it('hands off a question about a procedure or an office (更新, 企画室) that the closest unit never names', () => {
    // The support counter's hours are not the city office's, which the page does not give.
    expect(nlu.understand('企画室の受付時間を教えて').units).toEqual([]);
    // Nor the multilingual line's hours, which the page does not give: the counter's are not its.
    expect(nlu.understand('What time does the multilingual line open?').units).toEqual([]);
    // A line named by its number is that line: the free dial's hours are not the city's.
    expect(nlu.understand('0557-86-6074は何時まで電話を受け付けていますか').units).toEqual([]);
    expect(nlu.understand('0120-95-0178は何時まで？').units).toEqual(['contact.hotlineHours']);
    // The branch offices' counters keep the same hours and days as the city hall's: those are answered.
    expect(nlu.understand('泉支所は土曜日も開いてますか').units).toEqual(['counter.openOn']);
    // The list of items is the support counter's; what a certificate's renewal needs is not on the page.
    expect(nlu.understand('電子証明書の更新のときは何を持っていけばいいですか').units).toEqual([]);
    // Phase 2's points are not phase 1's, which the page does not give.
    expect(nlu.understand('第1弾のときはいくらもらえたっけ').units).toEqual([]);
    expect(nlu.understand('第1弾に申し込んだ人も25%のポイントをもらえますか').units).toEqual([
      'points.cashless.phase1',
    ]);
    // 受け取る is said of a new card and of points alike, so it is no subject: the deadline is for the points.
    expect(nlu.understand('ポイントはいつまでに受け取ればいい？').units).toEqual(['deadline.overview']);
    // Where a renewal or a reset is done is on the page, in units that name them.
    expect(nlu.understand('電子証明書の期限が切れていたらどこで更新するの').units).toEqual([
      'card.certExpired',
    ]);
    expect(nlu.understand('暗証番号の再設定はどこでできますか').units).toEqual(['card.pinReset']);
  });

  it('hands off a question about the health insurance card or an ID document that the closest unit never names', () => {
    // The support counter's items are for the points, not for a visit to the doctor with the card.
    expect(nlu.understand('マイナ保険証を使うとき、病院の受付には何を持っていけばいい？').units).toEqual([]);
    // The page names no ID document besides the card.
    expect(nlu.understand('カードの期限が切れてたら身分証明書として使えないの？').units).toEqual([]);
    expect(nlu.understand('再設定のときの本人確認書類は？').units).toEqual([]);
    // Whether the current card stays usable once the My Number Card is registered: the page does not say.
    expect(nlu.understand('保険証の利用登録をしたら、今の保険証って使えなくなるの？').units).toEqual([]);
    // The units that name them still answer.
    expect(nlu.understand('保険証の利用登録で何ポイントもらえる？').units).toEqual(['points.health']);
  });

  it('answers that officials never ask for it only when the message says what was asked for', () => {
    expect(
      nlu.understand('市役所の職員を名乗る人から電話で口座番号を聞かれました。本物ですか？').units,
    ).toEqual(['fraud.report']);
    expect(nlu.understand('市役所の人が手数料を払えって電話してきた').units).toEqual(['fraud.report']);
    // A call or a postcard said to be from the city, with nothing asked for: the page cannot tell if it is real.
    expect(nlu.understand('市役所の職員を名乗る人から電話がありました。本物ですか？').units).toEqual([]);
    expect(
      nlu.understand('マイナポイントのことで市役所って名乗る電話がきたけど信じていいの？').units,
    ).toEqual([]);
  });

  it('answers that reissuing a card costs a fee only when the message says the card was lost or is reissued', () => {
    expect(nlu.understand('マイナンバーカードをなくしたら再発行にお金かかる？').units).toEqual(['card.lost']);
    expect(nlu.understand('カードを落としちゃったんだけど、どうしたらいい？').units).toEqual(['card.lost']);
    // Making a card is another question: the page says nothing of what it costs.
    expect(nlu.understand('かーどつくるのにおかねかかる？')).toMatchObject({ units: [], handoff: 'city' });
    expect(nlu.understand('マイナンバーカードを作るのにお金はかかりますか').units).toEqual([]);
  });

  it('hands off a question asked after a situation the page is silent on (a death, details given away)', () => {
    expect(handoffOf('母が先週亡くなりました。母が申し込んだポイントは家族が使えますか')).toBe('hotline');
    // What to do once details are given away, or whether to go to the police, is fraud in general: the national
    // line's (fixtures/nlu/lines.md), as every labeller of the development sets has it.
    expect(handoffOf('メールのリンクから口座番号を入力してしまいました。どうすればいいですか')).toBe(
      'hotline',
    );
    expect(handoffOf('詐欺の電話で暗証番号を教えてしまいました。どうすればいいですか')).toBe('hotline');
    expect(handoffOf('カードをなくしたら警察にも届け出るべきですか')).toBe('hotline');
    expect(handoffOf('口座番号を聞かれたけど教えませんでした。大丈夫ですか')).toEqual(['fraud.report']);
    expect(handoffOf('結婚して苗字が変わりました。ポイントの申込みはこのままで大丈夫ですか')).toBe('hotline');
    // The page says nothing of residents of foreign nationality, so a question asked about one is not the
    // page's either.
    expect(handoffOf('妻はフィリピン国籍です。妻もマイナポイントをもらえますか')).toBe('hotline');
    expect(handoffOf('在留カードの期限が来月で切れます。マイナンバーカードはそのまま使えますか')).toBe(
      'hotline',
    );
    // The page asks for the 4-digit PIN only: the signature certificate's longer password is not on it.
    expect(handoffOf('6文字以上のパスワードも必要ですか')).toBe('hotline');
    expect(handoffOf('英数字のパスワードを忘れました')).toBe('hotline');
    // Whether the new card has arrived at the city hall is not on the page either; the city issues it
    // (fixtures/nlu/lines.md: the card's issuing is a procedure of 市民生活課).
    expect(handoffOf('先月カードを申請しました。市役所にもう私のカードが届いているか教えてください')).toBe(
      'city',
    );
    // A question that only asks what to do is asked about what was told before it: here an error.
    expect(handoffOf('アプリでカードを読み取るとエラーが出ます。どうしたらいいでしょうか')).toBe('hotline');
    expect(handoffOf('電子証明書の期限が切れていると言われました。どうしたらいいですか')).toEqual([
      'card.certExpired',
    ]);
    // Words apart that together ask what the page does not say: a mask handed out, a lost card stopped.
    expect(handoffOf('マスクを家に忘れてきたら、窓口で1枚もらえますか')).toBe('city');
    expect(handoffOf('落としたカードをすぐに止めたいときはどうすれば？')).toBe('hotline');
    // A lost notice of issue is not on the page; a notice that arrived only sets the scene for where to go.
    // Picking the card up is the city's (市民生活課), so its line.
    expect(handoffOf('交付通知書をなくしたみたいです。それでもカードは受け取れますか')).toBe('city');
    // Likewise the old notification card, or the application form, lost: told before the question, or in it.
    expect(nlu.understand('通知カードが見当たらないのですが、何か困ることはありますか').units).toEqual([]);
    expect(nlu.understand('カードの申請書をなくしたので、もう一度もらえますか').units).toEqual([]);
    // An application form only mentioned is no sign: when to send it is the card's deadline.
    expect(handoffOf('カードの申請書を2月末までに出せばいいですか')).toEqual(['deadline.card']);
    // Whether to go to the police is not on the page; the police told as done, or impersonated, set the scene.
    expect(nlu.understand('カードを落としたら警察に届けたほうがいいですか').units).toEqual([]);
    expect(handoffOf('警察には届けましたが、カードを作り直すのにお金はかかりますか')).toEqual(['card.lost']);
    expect(handoffOf('警察を名乗る電話でマイナポイントの口座番号を聞かれた')).toEqual(['fraud.report']);
    // Nor are applying on paper by post, or points for holders of a disability certificate, on the page.
    expect(handoffOf('申込書を郵便で送ることはできますか')).toBe('hotline');
    expect(handoffOf('障害者手帳を持っているとポイントが増えますか')).toBe('hotline');
    expect(handoffOf('交付通知書が届いたのですが、受け取りはどこでできますか')).toEqual(['card.new']);
    // What to bring to pick up or apply for the card itself: the page lists only the support counter's items.
    expect(handoffOf('新しいカードを受け取りに行くとき、何を持っていけばいいですか')).toBe('hotline');
    expect(handoffOf('カードを受け取ったときに決めた暗証番号も持っていく必要がありますか')).toEqual([
      'items.pin',
    ]);
    expect(handoffOf('マスクの着用は必要ですか')).toEqual(['counter.mask']);
    // Whether one's application went through is not on the page, however the question after it is put.
    expect(handoffOf('保険証の登録ができているか確認したいです。どうすればいいですか')).toBe('hotline');
    expect(handoffOf('申込みが終わっているか確認したいです。どこで見られますか')).toBe('hotline');
    // Other page-silent words are often only background: a child mentioned in passing does not send this away.
    expect(handoffOf('子どもが小さくて昼間は動けません。窓口は何時まで開いていますか')).toEqual([
      'counter.closing',
    ]);
  });

  it('hands off a damaged card told before the question, and a foreigner asking whether they qualify', () => {
    expect(handoffOf('カードを財布に入れていたら、ひびが入ってしまいました。作り直しになりますか？')).toBe(
      'city',
    );
    // 外国人 is a person, not a language: whether foreigners qualify is not on the page, the foreign-language line is.
    expect(handoffOf('外国人の母もマイナポイントをもらえる？')).toBe('hotline');
    expect(handoffOf('外国人の夫が英語で相談できる電話はありますか')).toEqual(['contact.multilingual']);
    expect(handoffOf('My residence card expires next month. Will my My Number card still work?')).toBe(
      'multilingual',
    );
  });

  it('hands off a question about what the page does not know, not answer it from the problem told after it', () => {
    expect(
      handoffOf(
        '名古屋に単身赴任中です。名古屋の区役所でも手続きを手伝ってもらえますか？平日は仕事で困っています。',
      ),
    ).toBe('hotline');
    expect(
      handoffOf('名古屋の区役所でも手続きを手伝ってもらえますか？週末しか帰れなくて困っています。'),
    ).toBe('hotline');
    expect(handoffOf('窓口は何時までですか？仕事が終わるのが遅くて困っています。')).toEqual([
      'counter.closing',
    ]);
    // The office's hours are a known unknown; a second question leaning on it (…も) is about that office too.
    expect(handoffOf('市民生活課は何時まで開いてますか？電話番号も教えてください')).toBe('city');
    expect(handoffOf('窓口は何時までですか？場所も教えてください')).toEqual([
      'counter.closing',
      'counter.places',
    ]);
  });

  it('hands off a question about late at night for a unit that never speaks of it (the online procedure)', () => {
    expect(handoffOf('オンラインの申込みは深夜でもできますか')).toBe('hotline');
    expect(handoffOf('ネットの手続きって夜中もやってる？')).toBe('hotline');
    expect(handoffOf('スマホで申し込めますか？')).toEqual(['apply.online']);
  });

  it('answers late at night from the hours of a line whose answer gives them, though no example asks it', () => {
    expect(handoffOf('フリーダイヤルは夜中もやってる？')).toEqual(['contact.hotlineHours']);
    expect(handoffOf('フリーダイヤルは深夜でも電話できますか')).toEqual(['contact.hotlineHours']);
    expect(handoffOf('窓口は夜遅くまでやってますか')).toEqual(['counter.closing']);
  });

  it('hands off applying for the card itself online, which no known unknown lists but the content declares silent', () => {
    expect(handoffOf('マイナンバーカードはネットで申請できますか？')).toBe('hotline');
    expect(handoffOf('カードの申請ってスマホからでもできる？')).toBe('hotline');
    expect(handoffOf('スマホで申し込めますか？')).toEqual(['apply.online']);
  });

  it('answers the online procedure done with the card, which is not applying for the card itself', () => {
    expect(handoffOf('マイナンバーカードを使ってスマホで手続きできますか')).toEqual(['apply.online']);
    expect(handoffOf('マイナンバーカードがあればスマホで申し込めますか')).toEqual(['apply.online']);
  });

  it('hands off details the page does not give: how many years, a floor of a branch, an extension, a proxy', () => {
    // The page says the card and its certificates expire, never after how many years.
    expect(nlu.understand('マイナンバーカードの有効期限は何年なの？').units).toEqual([]);
    expect(nlu.understand('カードの有効期間って何年あるの').units).toEqual([]);
    expect(nlu.understand('マイナンバーカードには有効期限がありますか').units).toEqual(['card.validity']);
    // 何Ｆ asks for a floor, which the page gives only for the city hall.
    expect(nlu.understand('泉支所の窓口は何Ｆですか').units).toEqual([]);
    expect(nlu.understand('ポイントの申込期限って延びないの？').units).toEqual([]);
    expect(nlu.understand('ポイントの申込期限はいつまで？').units).toEqual(['deadline.points']);
    expect(nlu.understand('英語のチラシはありますか').units).toEqual([]);
    // Nor whether the line for other languages is free, or the card compulsory.
    expect(nlu.understand('Is the English line free to call?').units).toEqual([]);
    expect(nlu.understand('マイナンバーカードを作るのは義務なんですか').units).toEqual([]);
    expect(nlu.understand('カードって絶対作らないといけないの？').units).toEqual([]);
    // Nor may one relative apply for another, or points of two people be put together.
    expect(nlu.understand('弟の分も私が窓口で申し込んでいいの？').units).toEqual([]);
    expect(nlu.understand('妻と私のポイントをまとめられる？').units).toEqual([]);
    // Nor an exemption from the mask, which service one applied with, a company's service, how a fee is paid.
    expect(nlu.understand('喘息でマスクをつけられないのですが、窓口に行ってもいいですか').units).toEqual([]);
    expect(nlu.understand('マスクはつけていかないといけませんか').units).toEqual(['counter.mask']);
    expect(nlu.understand('どの決済サービスに申し込んだか忘れてしまいました').units).toEqual([]);
    expect(nlu.understand('仕事用のスマホで申し込んでもいいですか').units).toEqual([]);
    expect(nlu.understand('Can I pay the reissue fee with a credit card at the counter?').units).toEqual([]);
    // A forgotten My Number (not the card's PIN) is looked up elsewhere: the page does not say where.
    expect(nlu.understand('個人番号を忘れてしまった').units).toEqual([]);
    expect(nlu.understand('マイナンバーを思い出せないんですがどうしたらいいですか').units).toEqual([]);
    expect(nlu.understand('マイナンバーカードの暗証番号を忘れました').units).toEqual(['card.pinReset']);
    expect(nlu.understand('マイナンバー総合フリーダイヤルの番号を忘れてしまいました').units).toEqual([
      'contact.hotline',
    ]);
  });

  it("hands off the days and hours of the city's card office, which the page does not give", () => {
    // Cards, resets and renewals are done at 市民生活課; the hours on the page are the support counter's.
    expect(nlu.understand('暗証番号の再設定は土日もやってる？').units).toEqual([]);
    expect(nlu.understand('電子証明書の更新って祝日もできる？').units).toEqual([]);
    expect(nlu.understand('カードの受け取りは何時まで？').units).toEqual([]);
    expect(nlu.understand('マイナンバーカードの交付申請は、いつまでにすればいいですか').units).toEqual([
      'deadline.card',
    ]);
    expect(nlu.understand('支援窓口は土日もやってる？').units).toEqual(['counter.closedDays']);
  });

  it('hands off a question asked by someone who lives elsewhere, even when that is told first', () => {
    expect(nlu.understand('三島市在住です。泉支所で申込みを手伝ってもらえますか？').units).toEqual([]);
    expect(nlu.understand('東京に住んでいますが、熱海の窓口で手続きを手伝ってもらえますか').units).toEqual(
      [],
    );
    // A town named only to say where in Atami one lives is no sign.
    expect(
      nlu.understand('湯河原寄りの泉地区に住んでいます。泉支所でも手伝ってもらえますか？').units,
    ).toEqual(['counter.izumi']);
    expect(
      nlu.understand("I'm moving to Atami next month. Can I apply at the counter before I move?").units,
    ).toEqual([]);
  });

  it('hands off a proxy, a card the phone cannot read, a call rate and leaked data: none is on the page', () => {
    // A reset is 市民生活課's: the city's line.
    expect(handoffOf('妻の私が代わりに暗証番号の再設定をしてもらえますか')).toBe('city');
    // Whether it must be the holder in person is the same question, asked the other way round.
    expect(nlu.understand('電子証明書の更新って本人が行かなあかんの？').units).toEqual([]);
    expect(nlu.understand('本人しか申し込めないんですか').units).toEqual([]);
    // Nor is being served first, or what becomes of points when a payment company goes under; a pregnancy
    // told only as background does not send the question away.
    expect(nlu.understand('母は足が悪いので、窓口で優先してもらえると助かるのですが').units).toEqual([]);
    expect(nlu.understand('決済サービスの会社がつぶれたら、ポイントはどうなりますか').units).toEqual([]);
    expect(handoffOf('妊娠中ですが窓口の受付時間は？')).toEqual(['counter.hours']);
    // Nor whether the toll-free line takes calls from a mobile; a mobile only mentioned is no sign.
    expect(nlu.understand('フリーダイヤルは携帯からでもかけられますか').units).toEqual([]);
    expect(handoffOf('携帯からかけてもつながらないときは？')).toEqual(['contact.hotlineFallback']);
    // Nor is how many people are waiting now.
    expect(nlu.understand('窓口って何人ぐらい待ってる？').units).toEqual([]);
    expect(handoffOf('スマホでカードが読み取れないんですがどうしたらいい？')).toBe('hotline');
    expect(handoffOf('050の番号は1分あたりいくらかかりますか')).toBe('hotline');
    expect(handoffOf('カードを落としたら情報が漏れたりしますか')).toBe('hotline');
    // That the 050 line costs a call charge is on the page; how much is not.
    expect(handoffOf('050の番号は通話料がかかりますか')).toEqual(['contact.hotlineFallback']);
  });

  it('hands off whether it can be done at a place the lexicon does not know (病院の受付でも, 区役所でも)', () => {
    expect(nlu.understand('保険証の利用登録って病院の受付でもできるの？').units).toEqual([]);
    expect(nlu.understand('カードの手続きは東京の区役所でもできますか？').units).toEqual([]);
    expect(nlu.understand('泉支所でもできますか').units).toEqual(['counter.izumi']);
    expect(nlu.understand('スマホでもできる？').units).toEqual(['apply.online']);
  });

  it('hands off a call back from the free dial, and what to do once a fraudster was given something', () => {
    expect(
      nlu.understand('フリーダイヤル全然つながらないんだけど、折り返しの電話予約とかできる?').units,
    ).toEqual([]);
    expect(nlu.understand('Can the hotline call me back?').units).toEqual([]);
    expect(handoffOf('フリーダイヤルがつながらない')).toEqual(['contact.hotlineFallback']);
    // 〜ちゃった says the same as 〜てしまった.
    expect(nlu.understand('通帳を渡しちゃったんだけどどうしよう').units).toEqual([]);
    expect(nlu.understand('口座番号を教えちゃったけど大丈夫？').units).toEqual([]);
  });

  it('hands off how to register the health insurance use, whether one joined phase 1, and non-Japanese residents', () => {
    expect(handoffOf('健康保険証の利用登録の方法を教えてください')).toBe('hotline');
    expect(handoffOf('保険証の登録でもらえるポイントはいくら？')).toEqual(['points.health']);
    expect(handoffOf('第1弾をやったかどうか忘れちゃった')).toBe('hotline');
    // Whether phase 1 itself is still open is not on the page either.
    expect(handoffOf('第1弾ってまだ申し込める？')).toBe('hotline');
    expect(nlu.understand('I joined phase 1. Can I still get the cashless points?').units).toEqual([
      'points.cashless.phase1',
    ]);
    expect(handoffOf('第1弾に申し込んだ人もチャージのポイントはもらえる？')).toEqual([
      'points.cashless.phase1',
    ]);
    expect(handoffOf('日本人ではない人も対象になる？')).toBe('hotline');
  });

  it('hands off whose name an account is in, what may disappear, and versions in English', () => {
    expect(
      nlu.understand(
        '親名義の口座でも大丈夫？',
        nlu.understand('公金受取口座を登録すると何ポイント？').memory,
      ),
    ).toMatchObject({ units: [], handoff: 'hotline' });
    expect(handoffOf('暗証番号を間違えすぎたら申込みが消えちゃう？')).toBe('hotline');
    expect(handoffOf('Is there an English version of the website?')).toBe('city');
    expect(handoffOf('Is there a phone line in English?')).toEqual(['contact.multilingual']);
  });

  it('hands off a language spoken at the counter or by staff: the page gives a phone line for languages only', () => {
    expect(handoffOf('英語が話せる職員さんはいますか')).toBe('city');
    expect(handoffOf('窓口で中国語で説明してもらえますか')).toBe('city');
    expect(handoffOf('Is there someone at city hall who speaks English?')).toBe('city');
    expect(handoffOf('英語で問い合わせできる電話はありますか')).toEqual(['contact.multilingual']);
    expect(handoffOf('外国語の窓口はある？')).toEqual(['contact.multilingual']);
  });

  it('reads a pension as the situation of the resident, not a service of the city asked about', () => {
    expect(handoffOf('年金の受け取りに使っている口座を公金受取口座にしたら何ポイントもらえますか')).toEqual([
      'points.account',
    ]);
    expect(handoffOf('年金暮らしですが、私も対象ですか')).toEqual(['eligibility.check']);
    // Whether the points touch the pension, or pay a hometown tax donation, is the programme's: the national line.
    expect(handoffOf('ポイントをもらうと年金が減りますか')).toBe('hotline');
    expect(handoffOf('マイナポイントをふるさと納税の寄附に使えますか')).toBe('hotline');
    // The city's own hometown tax donations, asked without the points, are the city's.
    expect(handoffOf('熱海市のふるさと納税の返礼品は何がありますか')).toBe('city');
    // Whether the account must be the pension's is not on the page either.
    expect(handoffOf('公金受取口座は年金の口座と同じでないといけませんか')).toBe('hotline');
    // The pension office itself is another of the city's services.
    expect(handoffOf('年金の手続きも窓口でできますか')).toBe('city');
  });

  it('hands off what city hall has beside the counter (an ATM, a copier), in kana or in English too', () => {
    expect(handoffOf('本庁舎にATMはありますか')).toBe('city');
    expect(handoffOf('Is there an ATM in city hall?')).toBe('city');
    expect(handoffOf('しやくしょに こぴーきは ありますか')).toBe('city');
    expect(handoffOf('ベビーカーのまま4階まで行けますか')).toBe('city');
    // The elevator is where the counter is.
    expect(handoffOf('エレベーターを降りたらすぐ窓口ですか')).toEqual(['counter.cityHall']);
  });

  it('hands off when the lines are quiet, how crowded it is right now, and a complaint told before the question', () => {
    expect(handoffOf('フリーダイヤルは何時ごろかけるとすぐつながりますか')).toBe('hotline');
    expect(handoffOf('窓口って今混んでますか？')).toBe('city');
    // That the counter is expected to be crowded is on the page.
    expect(handoffOf('窓口は混みますか？')).toEqual(['counter.crowded']);
    // The page says only that the counters will be crowded, not when or where they are quiet (空いている, not open).
    expect(handoffOf('窓口が比較的すいているのは何曜日ですか')).toBe('city');
    expect(handoffOf('本庁と南熱海支所、どちらが空いていますか')).toBe('city');
    expect(handoffOf('支援窓口は夕方ごろが空いてたりする？')).toBe('city');
    expect(handoffOf('土曜日は窓口空いてる？')).toEqual(['counter.openOn']);
    expect(handoffOf('職員の対応がひどかったです。どこに言えばいいですか')).toBe('city');
    // The page gives the city's number but not its hours: the toll-free line's hours are not the city's.
    expect(handoffOf('市役所の電話は何時までつながりますか')).toBe('city');
    expect(handoffOf('土日に市役所に電話してもいい？')).toBe('city');
    expect(handoffOf('市役所から土曜日に電話がきたけど詐欺？')).toEqual(['fraud.report']);
  });

  it('hands off a change of health insurance and which clinic takes the card', () => {
    expect(handoffOf('マイナ保険証の登録は、新しい保険でもう一度登録し直す必要がありますか？')).toBe(
      'hotline',
    );
    expect(handoffOf('近くのクリニックでマイナ保険証は使えますか？')).toBe('hotline');
  });

  it('hands off a question that follows a greeting rather than answer the greeting alone', () => {
    expect(
      nlu.understand('おはようございます。熱海の病院でマイナ保険証が使えるのはどこですか？'),
    ).toMatchObject({
      units: [],
      handoff: 'hotline',
    });
    expect(nlu.understand('こんにちは。').units).toEqual(['greeting']);
    expect(nlu.understand('こんばんは。窓口は何時まで？').units).toEqual(['counter.closing']);
  });

  it('answers for a pension account as for any account, though pensions themselves are not on the page', () => {
    expect(nlu.understand('父の年金口座を公金受取口座にしたらポイントはもらえますか').units).toEqual([
      'points.account',
    ]);
  });

  it('reads words said together across a follow-up and what it leans on (マスクがない… もらえる？)', () => {
    expect(nlu.understand('マスクを持っていないんです。窓口で分けてもらえますか').units).toEqual([]);
    expect(converse('窓口に行くときはマスクが要りますか', '家にないんだけど、もらえる？').units).toEqual([]);
    // The rule needs both words: asked alone, whether a mask is needed is on the page.
    expect(nlu.understand('窓口に行くときはマスクが要りますか').units).toEqual(['counter.mask']);
  });

  it("names the phone line a hand-off is about, and the hotline for a place that is not the city's", () => {
    // A question about a line itself (what a call costs, when it is busy) goes to that line.
    expect(handoffOf('050の番号は1分あたりいくらかかりますか')).toBe('hotline');
    expect(handoffOf('フリーダイヤルが一番つながりやすいのは何時ごろ？')).toBe('hotline');
    // An unsure hand-off goes to the line of the closest question the page does not answer, not always the
    // hotline: the counters' own matters are the city's.
    expect(handoffOf('支援窓口に赤ちゃんを連れて行っても大丈夫ですか')).toBe('city');
    expect(handoffOf('名古屋の区役所でも手続きを手伝ってもらえますか？')).toBe('hotline');
  });

  it("hands the card's own procedures to the city, which issues it (fixtures/nlu/lines.md)", () => {
    expect(handoffOf('カードの申請から受け取りまでは何週間くらい？')).toBe('city');
    expect(handoffOf('引っ越したらマイナンバーカードの住所変更はどこでするの？')).toBe('city');
    expect(handoffOf('カードの再発行の手数料はいくら？')).toBe('city');
  });

  it('hands off how long a card takes to arrive, and whether an application went through', () => {
    // The card is issued by the city (市民生活課), whose line can say how long it takes.
    expect(nlu.understand('カードを申請してから届くまで何日かかりますか')).toMatchObject({
      units: [],
      handoff: 'city',
    });
    // Nor how many years a card lasts, or how soon a new one is made: the page says only that both exist.
    expect(converse('マイナンバーカードに有効期限ってあるの？', 'それって何年くらい？').units).toEqual([]);
    expect(converse('これからカードを作るにはどこへ行けばいい？', 'どれくらいでできますか').units).toEqual(
      [],
    );
    expect(nlu.understand('カードの更新は期限の何か月前からできますか').units).toEqual([]);
    // Nor whether it is done the same day; but the last day itself (当日中) is the deadline's.
    expect(nlu.understand('電子証明書の更新は即日でできますか').units).toEqual([]);
    expect(nlu.understand('締め切り当日中にチャージすればポイントつく？').units).toEqual(['deadline.charge']);
    // Not the eligibility interview: the page cannot tell anyone whether their own application arrived.
    expect(nlu.understand('私のポイントの申込みがちゃんと登録されているか見てもらえますか').units).toEqual(
      [],
    );
  });

  it('hands off the month a counter stops, which the page does not give (its hours are times of day)', () => {
    expect(nlu.understand('手続きコーナーは何月までやっていますか').units).toEqual([]);
    expect(nlu.understand('窓口って何月までやってる？').units).toEqual([]);
    expect(nlu.understand('ポイントの申込みは何月までですか').units).toEqual(['deadline.points']);
  });

  it('reads タダ as asking a fee, which the page gives only for a lost card', () => {
    expect(nlu.understand('カードの申請ってタダでできるの？').units).toEqual([]);
    expect(nlu.understand('窓口で手伝ってもらうのはタダですか').units).toEqual([]);
    expect(nlu.understand('ただ、仕事で平日は行けません。土曜日はやってますか').units).toEqual([
      'counter.openOn',
    ]);
  });

  it('reads どちら as where only with a particle of place (どちらで, はどちら), not as which (どちらのポイント)', () => {
    expect(nlu.understand('マイナ保険証の利用登録はどちらでできますか').units).toEqual([]);
    expect(nlu.understand('支援窓口はどちらですか').units).toEqual(['counter.places']);
  });

  it("hands off whether a kind of health insurance counts (後期高齢者, a company's), which the page does not say", () => {
    expect(
      nlu.understand('会社の健康保険に入っていますが、保険証の登録でポイントはもらえますか').units,
    ).toEqual([]);
    expect(nlu.understand('国保でもマイナ保険証のポイントもらえる？').units).toEqual([]);
    expect(nlu.understand('保険証の登録で何ポイント？').units).toEqual(['points.health']);
  });

  it('hands off help brought to a resident who cannot come (a care home, a hospital bed), which the page does not offer', () => {
    const lineFor = (text: string) => nlu.understand(text).handoff;
    expect(
      lineFor(
        '父は介護施設に入っていて出かけられません。施設にいながら申込みを手伝ってもらえる方法はありますか',
      ),
    ).toBe('city');
    expect(lineFor('寝たきりの母のために手続きを手伝ってもらうにはどうしたらいいですか')).toBe('city');
    expect(lineFor('入院中の父の代わりに、病室まで来てもらって申込みできますか')).toBe('city');
    expect(nlu.understand('窓口に来てもらえれば手伝います？').units).toEqual(['apply.counterSupport']);
  });

  it('offers the closest units as buttons when unsure', () => {
    const u = nlu.understand('カードのことで窓口に相談');
    expect(u.suggestions.length).toBeLessThanOrEqual(3);
  });
});

describe('follow-ups read against the last question', () => {
  it.each([
    [
      ['本庁舎の窓口は何時からですか', '南熱海支所も？'],
      'counter.opening',
      (m: DialogueMemory) => m.slots.place === 'place.minamiAtami',
    ],
    [
      ['今日は窓口開いてますか', 'じゃあ明日は？'],
      'counter.openOn',
      (m: DialogueMemory) => m.slots.when?.relDay === 1,
    ],
    [
      ['持ち物を教えて', 'キャッシュカードでもいい？'],
      'items.account',
      (m: DialogueMemory) => m.slots.items.includes('item.cashCard'),
    ],
    [
      ['1万円チャージしたら何ポイント？', '2万円なら？'],
      'points.cashless',
      (m: DialogueMemory) => m.slots.amount === 20000,
    ],
    [
      ['3月に申請したけど対象？', '2月20日なら？'],
      'eligibility.who',
      (m: DialogueMemory) => m.slots.when?.month === 2,
    ],
    [['保険証の登録で何ポイント？', '口座のほうは？'], 'points.account', () => true],
    // 「…の分は？」 asks for another part of what was just asked, as 「…のほうは？」 does.
    [['健康保険証の登録は7500円分なんですね', 'チャージの分は？'], 'points.cashless', () => true],
  ])('%j → %s', (messages, unit, check) => {
    const u = converse(...messages);
    expect(u.units).toEqual([unit]);
    expect(check(u.memory!)).toBe(true);
  });

  it('reads a short message far surer of an answer of its own as a question of its own', () => {
    // 「携帯も」 adds the phone to what to bring; it does not ask about the PIN again.
    expect(converse('暗証番号ってメモしていっていい？', '携帯もいる？').units).toEqual(['items.payment']);
  });

  it('says when the earlier question was needed to understand the message', () => {
    expect(converse('本庁舎の窓口は何時からですか', '南熱海支所も？').followUp).toBe(true);
    expect(converse('今日は窓口開いてますか', 'じゃあ明日は？').followUp).toBe(true);
  });

  it('hands off a bare question word that asks a particular of the last answer that no word names', () => {
    // The page says the certificate expires, not after how many years; nor at what age anyone is eligible.
    expect(converse('電子証明書にも期限はある？', '何年？').units).toEqual([]);
    expect(converse('誰が対象なの？', '何歳？').units).toEqual([]);
    // A particular the lexicon knows still leans on the last question.
    expect(converse('本庁舎の窓口は何時からですか', '何時まで？').units).toEqual(['counter.closing']);
    // Nothing but how it asks: never a question of its own, however sure its own reading is (the counter's hours).
    expect(converse('フリーダイヤルの番号教えて', '何時まで？').units).toEqual(['contact.hotlineHours']);
    expect(converse('フリーダイヤルの番号は？', '何時まで？').units).toEqual(['contact.hotlineHours']);
    // …and one the last subject cannot take is handed off, not answered about another subject (the counter).
    expect(converse('詐欺の相談先は？', '何時まで？').units).toEqual([]);
    expect(converse('フリーダイヤルの番号は？', '何時から？').units).toEqual([]);
    expect(converse('持ち物を教えて', '何時まで？').units).toEqual(['counter.closing']);
    expect(converse('こんにちは', '何時まで？').units).toEqual(['counter.closing']);
  });

  it('hands off the hours of the office the last answer sent the resident to, pointed at with そこ', () => {
    expect(converse('暗証番号忘れた', 'そこって土曜日もやってる？').units).toEqual([]);
    expect(converse('電子証明書の期限が切れてた', 'そこの受付時間は？').units).toEqual([]);
    // After an answer about the support counters, そこ is the counter.
    expect(converse('本庁舎の支援窓口はどこ？', 'そこって土曜日もやってる？').units).toEqual([
      'counter.openOn',
    ]);
    expect(converse('持ち物を教えて', 'そこって何時まで？').units).toEqual(['counter.closing']);
    // Without そこ, a question of its own about the counters is answered.
    expect(converse('暗証番号忘れた', '支援窓口は土曜日もやってる？').units).toEqual(['counter.openOn']);
  });

  it('hands off a short question of when, naming no counter, after an answer that sent the resident elsewhere', () => {
    expect(converse('暗証番号を忘れてしまいました', '日曜でもできますか？').units).toEqual([]);
    expect(converse('カードの電子証明書が切れてる', '何時まで受け付けてる？').units).toEqual([]);
    expect(converse('電子証明書が切れてた', '支援窓口は何時まで？').units).toEqual(['counter.closing']);
  });

  it('hands off a follow-up that, said with the last subject, asks what the page does not say', () => {
    // How to register the card as a health insurance card: the page gives only the points.
    expect(converse('保険証の登録で何ポイント？', '登録ってどうやるの？').units).toEqual([]);
    expect(converse('保険証の登録で何ポイント？', '口座のほうは？').units).toEqual(['points.account']);
    expect(converse('保険証の登録で何ポイント？', '申し込みってどうやるの？').units).toEqual(['apply.how']);
  });

  it('hands off a follow-up in English about getting there by bus, which the page does not say', () => {
    expect(converse('Where are the support counters?', 'Is there a bus from the station?').units).toEqual([]);
    expect(converse('Where are the support counters?', 'What about Izumi?').units).toEqual(['counter.izumi']);
  });

  it('reads an English follow-up about a line that does not connect', () => {
    expect(
      converse("What's the Mynapoint hotline number?", "And if that number doesn't connect?").units,
    ).toEqual(['contact.hotlineFallback']);
    expect(nlu.understand("The hotline won't connect, what should I do?").units).toEqual([
      'contact.hotlineFallback',
    ]);
  });

  it('does not read a new, complete question as a follow-up', () => {
    const u = converse('本庁舎の窓口は何時からですか', '詐欺の電話に気をつけることは？');
    expect(u.units).toEqual(['fraud.overview']);
    expect(u.followUp).toBe(false);
  });
});

describe('languages', () => {
  it.each([
    ['What do I need to bring to the counter?', 'english'],
    ['Hola, necesito ayuda', 'otherLanguage'],
    ['Tôi cần mang theo gì?', 'otherLanguage'],
    ['请问怎么申请积分？', 'otherLanguage'],
    ['안녕하세요', 'otherLanguage'],
    ['支援窓口の受付時間を教えてください', 'japanese'],
    // Simplified Chinese written only with characters Japanese shares but for a few (开, 门, 几).
    ['柜台几点开门？', 'otherLanguage'],
    ['Berapa poin yang bisa saya dapat?', 'otherLanguage'],
    // Kanji-only Japanese stays Japanese.
    ['南熱海支所営業時間', 'japanese'],
    // Traditional Chinese that names the programme in katakana, with no hiragana: still Chinese.
    ['請問我可以在哪裡申請マイナポイント？', 'otherLanguage'],
    ['必要書類一覧', 'japanese'],
    // Romaji with an English word in it is Japanese; English with romaji-like words (no, go) is English.
    ['kouza touroku de nan point?', 'japanese'],
    ['mainanba-ka-do jitai mo motteku hitsuyou aru?', 'japanese'],
    ['I have no time', 'english'],
    ['Can I go on Monday?', 'english'],
  ])('%s is %s', (text, script) => {
    expect(detectScript(text)).toBe(script);
  });

  it('answers English questions from the English content and others with the multilingual line', () => {
    expect(nlu.understand('What do I need to bring to the counter?')).toMatchObject({
      lang: 'en',
      units: ['items.overview'],
    });
    expect(nlu.understand('Olá, preciso de ajuda')).toMatchObject({ lang: 'en', handoff: 'multilingual' });
  });

  it('reads "should I" and "have to" as asking what is needed', () => {
    expect(nlu.understand('Should I bring anything?').units).toEqual(['items.overview']);
  });

  it('reads "what should I do" as asking what to do, not what is needed', () => {
    expect(nlu.understand("I can't remember my PIN. What should I do?").units).toEqual(['card.pinReset']);
    expect(nlu.understand('Should I bring my PIN?').units).toEqual(['items.pin']);
    // "Should I" alone asks nothing about what is needed: a lost card is still the lost card.
    expect(nlu.understand('My Number Card missing, what should I do?').units).toEqual(['card.lost']);
    expect(nlu.understand('Forgot the 4-digit PIN of my card - what should I do?').units).toEqual([
      'card.pinReset',
    ]);
  });

  it('reads "ago" and "previously" as done already', () => {
    expect(
      nlu.understand(
        'I registered my health insurance card a long time ago. Do I still have to apply for the points?',
      ).units,
    ).toEqual(['points.alreadyRegistered']);
  });
});

describe('Japanese typed in Latin letters', () => {
  it.each([
    ['madoguchi wa nanji kara?', 'まどぐちはなんじから?'],
    ['mainanbaa kaado mo motte iku', 'まいなんばーかーどももっていく'],
    ['arigatou gozaimasita', 'ありがとうございました'],
    ['kyou wa aiteru', 'きょうはあいてる'],
    // Words that are not romaji stay as written, apart from the kana around them.
    ['free dial no bangou', 'free dial のばんごう'],
  ])('%s → %s', (romaji, kana) => {
    expect(romajiToKana(romaji)).toBe(kana);
  });

  it('understands it as the same question in kana', () => {
    expect(nlu.understand('maina pointo tte nani?').units).toEqual(['programme.what']);
    // English stays English.
    expect(nlu.understand('What is Mynapoint?')).toMatchObject({ lang: 'en', units: ['programme.what'] });
    expect(nlu.understand('Can I apply on my smartphone?').units).toEqual(['apply.online']);
  });

  it('reads romaji with an English word in it as the same question in kana', () => {
    expect(nlu.understand('mynapoint no moushikomi itsumade?').units).toEqual(['deadline.points']);
  });
});

describe('slots', () => {
  it.each([
    ['明後日は開いてる？', { when: { relDay: 2 } }],
    ['来週の月曜は開いてる？', { when: { weekday: 1, week: 'next' } }],
    ['3時半に着いたら間に合う？', { when: { minutes: 15 * 60 + 30 } }],
    ['お昼の12時に行っても大丈夫？', { when: { minutes: 12 * 60 } }],
    ['５月５日は？', { when: { month: 5, day: 5 } }],
    ['二万円チャージしたら', { amount: 20000 }],
    ['4月に申請した', { monthOnly: 4 }],
    ['どようびやってる？', { when: { weekday: 6 } }],
    ['げつようびはあいてますか', { when: { weekday: 1 } }],
  ])('%s', (text, slots) => {
    expect(readSlots(text.normalize('NFKC'))).toMatchObject(slots);
  });

  it.each([
    ['Is the counter open on Saturdays?', { when: { weekday: 6 } }],
    ['Can I go next Monday at 3:30?', { when: { weekday: 1, week: 'next', minutes: 15 * 60 + 30 } }],
    ['Are you open tomorrow?', { when: { relDay: 1 } }],
    ['Is it open now?', { when: { now: true } }],
    ['Is it open on May 5?', { when: { month: 5, day: 5 } }],
    ['Open on the 29th of December?', { when: { month: 12, day: 29 } }],
    ['Can I come at 3 pm?', { when: { minutes: 15 * 60 } }],
    ['If I charge 20,000 yen', { amount: 20000 }],
  ])('in English: %s', (text, slots) => {
    expect(readSlots(text.normalize('NFKC').toLowerCase())).toMatchObject(slots);
  });

  it('does not read 今回, 今月 or 今まで as now', () => {
    expect(readSlots('今回の第2弾でももらえますか').when?.now).toBeUndefined();
    expect(readSlots('今月中に行きたい').when?.now).toBeUndefined();
    expect(readSlots('今まで知らなかった').when?.now).toBeUndefined();
    expect(readSlots('今行っても大丈夫？').when?.now).toBe(true);
    expect(readSlots('これから窓口に寄ってもいい？').when?.now).toBe(true);
    expect(readSlots('これから申請するつもりです').when?.now).toBeUndefined();
    expect(readSlots('もう窓口って開いてますか').when?.now).toBe(true);
  });

  it('reads no time from a shop name or a word that only looks like a month', () => {
    expect(readSlots('can i apply at 7-eleven?').when).toBeUndefined();
    expect(readSlots('i may come later').when).toBeUndefined();
  });

  it('reads お昼 without a clock as the lunch break, not as 12:00', () => {
    expect(readSlots('お昼はやってる？').when?.minutes).toBeUndefined();
    expect(nlu.understand('お昼は受付しとらんの？').units).toEqual(['counter.lunch']);
    expect(nlu.understand('お昼は？', nlu.understand('窓口は何時から？').memory).units).toEqual([
      'counter.lunch',
    ]);
    expect(nlu.understand('12時15分に着いたら受付してもらえる？').units).toEqual(['counter.openOn']);
  });

  it('does not take 「夕方何時まで」 for a time', () => {
    expect(readSlots('夕方何時まで受付してる').when?.minutes).toBeUndefined();
  });

  it('reads a date quoted as a deadline as a check of the deadline, not as a visit', () => {
    expect(readSlots('締め切りは5月31日だっけ').when).toBeUndefined();
    expect(readSlots('5月31日までに申し込めばいい？').when).toBeUndefined();
    expect(readSlots('5月2日は開いてる？').when).toMatchObject({ month: 5, day: 2 });
  });

  it('reads a time quoted from the schedule as a check of the schedule, not as a visit', () => {
    expect(readSlots('午後の受付は13時から？').when?.minutes).toBeUndefined();
    expect(readSlots('最終受付は16:30ですか').when?.minutes).toBeUndefined();
    expect(readSlots('4時に行っても間に合う？').when?.minutes).toBe(16 * 60);
  });

  it('reads the part of the day said before an hour (夜9時 is 21:00, 朝9時 is 9:00)', () => {
    expect(readSlots('夜9時に窓口に行っても大丈夫？').when?.minutes).toBe(21 * 60);
    expect(readSlots('夜の11時過ぎでも申し込める？').when?.minutes).toBe(23 * 60);
    expect(readSlots('夕方5時に行っても間に合う？').when?.minutes).toBe(17 * 60);
    expect(readSlots('晩の7時半に行けますか').when?.minutes).toBe(19 * 60 + 30);
    expect(readSlots('朝9時に行ってもいい？').when?.minutes).toBe(9 * 60);
    expect(readSlots('午前11時に行きます').when?.minutes).toBe(11 * 60);
  });
});

describe('clauses', () => {
  it('splits sentences and あと / それと, and keeps a lone question whole', () => {
    expect(splitClauses('持ち物は？あと、何時まで？')).toHaveLength(2);
    expect(splitClauses('暗証番号を忘れました。それと通帳もいりますか')).toHaveLength(2);
    expect(splitClauses('持ち物を教えてください')).toHaveLength(1);
  });

  it('reads あとで (later) and それとも (or) as words of the clause, not as a question added', () => {
    expect(splitClauses('公金受取口座って、あとで口座を変えられるの？')).toEqual([
      '公金受取口座って、あとで口座を変えられるの?',
    ]);
    expect(splitClauses('ポイントは自動でつくの？それとも手続きがいるの？')).toEqual([
      'ポイントは自動でつくの?',
      'それとも手続きがいるの?',
    ]);
    expect(addsAQuestion('ポイントは自動でつくの？それとも手続きがいるの？')).toBe(false);
    // 「…したあと、」 (after doing) joins no two things asked, as 「番号と、」 does.
    expect(splitClauses('窓口で手続きしたあと、控えの紙はもらえますか')).toHaveLength(1);
  });

  it('splits one problem from the next (…たし、 …うえに、), and answers both', () => {
    expect(splitClauses('カードをなくしたし、暗証番号もわからない')).toEqual([
      'カードをなくしたし',
      '暗証番号もわからない',
    ]);
    expect(nlu.understand('暗証番号を忘れたうえに、電子証明書の期限も切れています').units).toEqual([
      'card.pinReset',
      'card.certExpired',
    ]);
  });

  it('splits two questions joined by で/て, the first with its own question word, the second with one or a 「？」', () => {
    expect(splitClauses('窓口は何階で、昼休みは何時から何時まで？')).toEqual([
      '窓口は何階で、',
      '昼休みは何時から何時まで?',
    ]);
    // The second asks with its 「？」 alone.
    expect(splitClauses('持ち物は何で、支所でもできますか？')).toEqual([
      '持ち物は何で、',
      '支所でもできますか?',
    ]);
    // Context joined by で is not a question of its own.
    expect(splitClauses('母が高齢で、窓口には何を持っていけばいい？')).toHaveLength(1);
    expect(splitClauses('どういう制度なのかさっぱりで、何がもらえるんですか')).toHaveLength(1);
  });

  it('splits English at "and" before a direct question, not before an indirect one', () => {
    expect(splitClauses('Where are the counters, and what should I bring?')).toEqual([
      'Where are the counters',
      'what should I bring?',
    ]);
    expect(nlu.understand('What time do you open and what should I bring?').units).toEqual([
      'counter.opening',
      'items.overview',
    ]);
    expect(splitClauses("How can I check if I'm eligible and how many points I would get?")).toHaveLength(1);
    expect(splitClauses('Can I bring my passbook and my phone?')).toHaveLength(1);
  });

  it('finds two things joined by と only between nouns, and only when both are asked for', () => {
    expect(splitCoordination('窓口の場所と休みの日を教えて')).toEqual(['窓口の場所', '休みの日を教えて']);
    expect(splitCoordination('フリーダイヤルの番号と、営業時間を知りたいです')).toEqual([
      'フリーダイヤルの番号',
      '営業時間を知りたいです',
    ]);
    // と after a verb, inside a kana word, before 一緒: nothing joined.
    expect(splitCoordination('申請するとポイントはいつ教えてもらえる')).toBeNull();
    expect(splitCoordination('ほけんしょうのとうろくを教えて')).toBeNull();
    expect(splitCoordination('母と一緒に行く日を教えて')).toBeNull();
    // 「…を持っていけばいい？」 asks one thing of both.
    expect(splitCoordination('通帳とキャッシュカードを持っていけばいい？')).toBeNull();
  });
});

describe('short answers', () => {
  const deadline = content.programme.cardApplicationDeadline;
  it.each([
    ['はい', 'yes'],
    ['うん', 'yes'],
    ['いえす', 'yes'],
    ['2月末までに申請した', 'yes'],
    ['12月', 'yes'],
    ['いいえ', 'no'],
    ['ううん', 'no'],
    ['まだです', 'no'],
    ['3月', 'march'],
    ['5月', 'march'],
    ['4月に申請した', 'march'],
    ['３月以降に申請した', 'march'],
    ['まだ持っていない', 'notyet'],
  ])('%s → %s', (text, answer) => {
    expect(parseAnswer(text, deadline)).toBe(answer);
  });

  it('does not read a question as an answer', () => {
    expect(parseAnswer('はい、ところで持ち物は何が必要でしょうか教えてください', deadline)).toBeNull();
    expect(parseAnswer('持ち物は？', deadline)).toBeNull();
    expect(parseAnswer('5月5日は？', deadline)).toBeNull();
  });

  it('recognises leaving the questions', () => {
    expect(parseControl('やめる')).toBe('cancel');
    expect(parseControl('最初から')).toBe('cancel');
    expect(parseControl('やめるべきか迷っている理由を詳しく説明します')).toBeNull();
  });
});

describe('forms found by their reading', () => {
  it('finds a short form by its reading only where a word ends: 人が出 (ひとがで) is not in 人が電話で', () => {
    const lexicon = new Lexicon(content.knowledge.concepts);
    const phoned = '市の人が電話で口座番号を聞いてくることってある？';
    expect(lexicon.find(formsOf(phoned)).concepts.has('silent.operator')).toBe(false);
    // Read as a person answering the phone, which the page does not speak of, it was handed off.
    expect(nlu.understand(phoned).units).toEqual(['fraud.overview']);
  });
});

describe('question words with a counter', () => {
  it('does not read 何回 as 何階, which sounds alike: a question word with a counter is found only as written', () => {
    const lexicon = new Lexicon(content.knowledge.concepts);
    expect(lexicon.find(formsOf('暗証番号を何回か間違えた')).concepts.has('floor')).toBe(false);
    expect(lexicon.find(formsOf('本庁舎の何階ですか')).concepts.has('floor')).toBe(true);
    expect(nlu.understand('申込みは何回でもできる？').units).not.toContain('counter.cityHall');
  });
});

describe('colloquial words for what happened, the counter and the phone line', () => {
  it.each([
    // 「…って言われた」 reports what someone asked, as 「…と言われた」 does.
    ['口座番号を教えろって言われたんだけど', 'fraud.report'],
    ['手数料を払えっていわれた', 'fraud.report'],
    // 混み具合 is about the crowd, not one's 具合 (health).
    ['窓口の混み具合はどうですか', 'counter.crowded'],
    // A 電話窓口 is a phone line, not one of the counters.
    ['マイナポイントの電話窓口は何時まで？', 'contact.hotlineHours'],
  ])('%s → %s', (text, unit) => {
    expect(nlu.understand(text).units).toEqual([unit]);
  });
});

describe('notice settings, the menu and greetings in words', () => {
  it.each([
    ['お知らせを受け取る', 'notice.subscribe'],
    ['お知らせを止める', 'notice.unsubscribe'],
    ['もう通知しないで', 'notice.unsubscribe'],
    ['新しい情報があったら教えて', 'notice.subscribe'],
    ['できることを教えて', 'menu'],
    ['このアカウントは何ですか', 'menu'],
    ['使い方を教えて', 'menu'],
    // How to use a payment service is the provider's to answer, not a request for the menu.
    ['PayPayの使い方を教えて', 'service.provider'],
    ['お疲れさまです', 'greeting'],
    ['お知らせ受信したい', 'notice.subscribe'],
    ['通知うるさい', 'notice.unsubscribe'],
    ['つうち ていし おねがい', 'notice.unsubscribe'],
    ['土曜は窓口やっとる？', 'counter.openOn'],
    // The menu named with any particle, and a hiragana word stretched with ー (おはよー for おはよう).
    ['メニューも見せて', 'menu'],
    // The bare word, as typed or in half-width kana.
    ['メニュー', 'menu'],
    ['ﾒﾆｭｰ', 'menu'],
    // How to do it, asked casually (どうやるの).
    ['申し込みってどうやるの？', 'apply.how'],
    // What can be asked, with the particle left out.
    ['ここでは何聞ける？', 'menu'],
    ['おはよー', 'greeting'],
    ['ありがとー', 'thanks'],
    // Notices started again, or asked for by the name of a phone's push messages.
    ['お知らせ再開', 'notice.subscribe'],
    ['プッシュ通知を受けたい', 'notice.subscribe'],
    ['午後は何時に再開しますか', 'counter.opening'],
  ])('%s → %s', (text, unit) => {
    expect(nlu.understand(text).units).toEqual([unit]);
  });
});

describe('the commands that the notice texts tell residents to send', () => {
  // The texts quote a command in 「…」 or "…": whatever a city writes there must switch the notices it names.
  const quoted = (text: string) => [...text.matchAll(/[「"]([^」"]+)[」"]/g)].map((m) => m[1]!);
  it.each(
    (['ja', 'en'] as const).flatMap((lang) =>
      (
        [
          ['notices.subscribed', 'notice.unsubscribe'],
          ['notices.unsubscribed', 'notice.subscribe'],
          ['notices.declined', 'notice.subscribe'],
        ] as const
      ).flatMap(([key, unit]) => quoted(content.texts[lang][key]!).map((command) => [lang, command, unit])),
    ),
  )('%s: %s → %s', (_lang, command, unit) => {
    expect(nlu.understand(command).units).toEqual([unit]);
  });
});

describe('a follow-up naming a day or a time', () => {
  const slots = (when: object) => ({ items: [], asked: [], when });

  it('keeps the earlier day for a time alone, and the earlier time for a day alone', () => {
    expect(mergeSlots(slots({ relDay: 0, session: 'am' }), slots({ session: 'pm' })).when).toEqual({
      relDay: 0,
      session: 'pm',
    });
    expect(mergeSlots(slots({ minutes: 15 * 60 + 30 }), slots({ relDay: 1 })).when).toEqual({
      relDay: 1,
      minutes: 15 * 60 + 30,
    });
    // "Now" is this moment: another day does not keep it.
    expect(mergeSlots(slots({ relDay: 0, now: true }), slots({ weekday: 6 })).when).toEqual({ weekday: 6 });
  });

  it('answers a day named after a question about closed days for that day (「じゃあ明日は行ける？」)', () => {
    expect(converse('窓口は土日休みですか', 'じゃあ明日は行ける？').units).toEqual(['counter.openOn']);
    expect(converse('年末年始は休みですか', '1月4日は？').units).toEqual(['counter.openOn']);
  });

  it('hands off a follow-up that asks outright for a particular the last unit does not have', () => {
    // The page names the branch office, not its floor; the card office's floor (1階) it does give.
    expect(converse('泉支所でも申し込めますか', '泉支所は何階？').units).toEqual([]);
    expect(converse('暗証番号を忘れました', 'それって何階？').units).toEqual(['card.pinReset']);
  });

  it('answers 「じゃあ午後は？」 after a question about this morning', () => {
    const u = converse('今日の午前中って開いてる？', 'じゃあ午後は？');
    expect(u.units).toEqual(['counter.openOn']);
    expect(u.slots.when).toMatchObject({ relDay: 0, session: 'pm' });
  });
});

describe('question words', () => {
  const lexicon = new Lexicon(content.knowledge.concepts);
  it('reads どこでも, どこも and いつでも as any place or time, not as asking where or when', () => {
    expect(analyse('ポイントはどこでも使える？', lexicon).concepts.has('where')).toBe(false);
    expect(analyse('どこも受付時間は同じ？', lexicon).concepts.has('where')).toBe(false);
    expect(analyse('いつでも行ける？', lexicon).concepts.has('when')).toBe(false);
    expect(analyse('窓口はどこですか', lexicon).concepts.has('where')).toBe(true);
    expect(analyse('申込みはいつからですか', lexicon).concepts.has('when')).toBe(true);
  });
});

describe('words said together', () => {
  const lexicon = new Lexicon({ mask: ['マスク'], get: ['もらえる'], counter: ['窓口'] });
  const together = [{ concepts: ['mask', 'get'], means: 'maskSupply' }];
  const concepts = (text: string) => analyse(text, lexicon, new Set(), together).concepts;
  it('adds what two concepts mean when one sentence says both, whatever comes between them', () => {
    expect(concepts('マスク忘れたら窓口でもらえますか').has('maskSupply')).toBe(true);
    expect(concepts('窓口でもらえますか').has('maskSupply')).toBe(false);
    expect(concepts('マスクは必要ですか').has('maskSupply')).toBe(false);
  });
});

describe('a day named, or a kind of day', () => {
  const lexicon = new Lexicon({});
  it('names a day for 土曜日 or Saturday, not for 土日 or 週末 (which the slot reads as the coming Saturday)', () => {
    expect(analyse('土曜日は開いてる？', lexicon).concepts.has('@day')).toBe(true);
    expect(analyse('Is it open on Saturday?', lexicon).concepts.has('@day')).toBe(true);
    expect(analyse('土日は開いてる？', lexicon).concepts.has('@day')).toBe(false);
    expect(analyse('週末もやってる？', lexicon).concepts.has('@day')).toBe(false);
    expect(readSlots('土日は開いてる？').when?.weekday).toBe(6);
  });

  it('reads the dates of the year-end closure, quoted, as the year-end closure; one date as that day', () => {
    expect(nlu.understand('１２月２９日～１月３日は窓口お休み？').units).toEqual(['counter.yearEnd']);
    expect(nlu.understand('12月30日は開いてる？').units).toEqual(['counter.openOn']);
  });

  it('reads the times of the lunch break, quoted in any notation, as the lunch break', () => {
    for (const text of [
      '１１：３０～１３：００は受付してない？',
      '11時半から13時は休み？',
      '11:30-13:00は閉まってる？',
    ]) {
      expect(nlu.understand(text).units).toEqual(['counter.lunch']);
    }
  });
});

describe('what a message asks, and what it only says', () => {
  it('reads a last clause after a question asked with ？ as an afterthought, not a second question', () => {
    expect(nlu.understand('おはようございます。もう窓口って開いてますか？出勤前に寄りたくて').units).toEqual([
      'counter.openOn',
    ]);
  });

  it('reads a reason given with ので as context, not as a question of its own', () => {
    expect(
      nlu.understand(
        '暗証番号を何回か間違えてロックされました。自分ではどうにもできないので、どこで直してもらえますか？',
      ).units,
    ).toEqual(['card.pinReset']);
  });

  it('reads a problem stated before a question asked in so many words as its context', () => {
    expect(
      nlu.understand('電子証明書が切れてると窓口で言われました。このままポイントの手続きはできますか？')
        .units,
    ).toEqual(['card.certExpired']);
  });

  it('still answers a problem stated and a question added to it with それと, or followed by どうすればいい', () => {
    expect(
      nlu.understand('セキュリティコードがわからない。それと、事前登録がいる決済サービスはある？').units,
    ).toEqual(['service.idCode', 'service.preRegistration']);
    expect(nlu.understand('暗証番号を忘れたし、電子証明書も切れてるみたい。どうすればいい？').units).toEqual([
      'card.pinReset',
      'card.certExpired',
    ]);
  });

  it('reads a problem stated before あと as the first of two things asked', () => {
    expect(nlu.understand('カードをなくしたんだけど、あと窓口って日曜もやってる？').units).toEqual([
      'card.lost',
      'counter.openOn',
    ]);
    expect(nlu.understand('暗証番号を忘れちゃったんですが、あと泉支所は何時までですか？').units).toEqual([
      'card.pinReset',
      'counter.closing',
    ]);
  });

  it('reads a wish or a request before あと as the first of two things asked', () => {
    expect(nlu.understand('暗証番号を再設定したい。あと持ち物も教えて').units).toEqual([
      'card.pinReset',
      'items.overview',
    ]);
    expect(nlu.understand('お知らせが届くようにして。あとメニューも見せて').units.sort()).toEqual([
      'menu',
      'notice.subscribe',
    ]);
  });

  it('answers a second question added with 〜も after a first one in the same message', () => {
    expect(nlu.understand('今日は窓口やってますか？場所もあわせて教えて').units).toEqual([
      'counter.openOn',
      'counter.places',
    ]);
  });

  it('asks the first question again for a place named alone after it (「南熱海支所も？」)', () => {
    expect(nlu.understand('泉支所は何時まで？南熱海支所も？').units).toEqual(['counter.closing']);
    expect(nlu.understand('今日は開いてますか？場所も教えて').units).toEqual([
      'counter.openOn',
      'counter.places',
    ]);
  });

  it('answers a question for the day it names, whatever the context says of other days', () => {
    expect(nlu.understand('夫は平日は仕事で休めないそうです。日曜日は窓口は開いていますか？').units).toEqual([
      'counter.openOn',
    ]);
  });

  it('lets context that narrows the question decide the answer (第1弾 makes the 25% a question of phase 1)', () => {
    expect(
      nlu.understand(
        '第1弾のときにWAONで5000ポイントもらいました。今回の第2弾でも、チャージで25%もらえますか。',
      ).units,
    ).toEqual(['points.cashless.phase1']);
  });

  it('does not hand off a question for an everyday word that one known unknown happened to use', () => {
    // 自体 and 市民 appear in examples of questions the page does not answer; they say nothing of the subject.
    expect(nlu.understand('ポイントの申込み自体はいつが締め切りなんですか？').units).toEqual([
      'deadline.points',
    ]);
    expect(nlu.understand('熱海市民ですが、支援窓口は何時からですか？').units).toEqual(['counter.opening']);
  });

  it('hands off a question asked from a situation the page does not speak of, told before it (生活保護, no bank account, abroad)', () => {
    expect(nlu.understand('生活保護を受けています。保険証の登録のポイントはもらえますか').units).toEqual([]);
    expect(nlu.understand('父は銀行の口座がないのですが、口座登録のポイントはどうなりますか').units).toEqual(
      [],
    );
    expect(nlu.understand('海外に引っ越す予定です。ポイントはそのまま使えますか').units).toEqual([]);
    // Having no card yet is not having no account.
    expect(nlu.understand('カードを持っていないんですが、いつまでに申請すればいいですか').units).toEqual([
      'deadline.card',
    ]);
  });

  it('hands off whether an item the page does not list is needed too, asked after the list or alone', () => {
    expect(converse('窓口に何を持っていけばいい？', 'パスポートもいりますか？').units).toEqual([]);
    expect(converse('持ち物を教えて', 'ハンコも持っていく？').units).toEqual([]);
    expect(nlu.understand('支援窓口に行くとき、身分証はいりますか').units).toEqual([]);
    // What the counters ask for is the city's to say.
    expect(nlu.understand('支援窓口に行くとき、身分証はいりますか').handoff).toBe('city');
    // An item the list names is answered.
    expect(converse('持ち物を教えて', '通帳もいる？').units).toEqual(['items.account']);
  });

  it('reads staff who speak a language at the counter, and the way to a place, as page-silent in English', () => {
    expect(nlu.understand('Is there someone who speaks Spanish at the support counter?').units).toEqual([]);
    expect(nlu.understand('How do I get to the Minami-Atami branch from my hotel?').units).toEqual([]);
  });

  it('hands off extra opening days and how many years a certificate lasts, however they are asked', () => {
    expect(nlu.understand('土日に臨時で窓口を開ける日はありますか').units).toEqual([]);
    expect(nlu.understand('夜間延長の日はありますか').units).toEqual([]);
    expect(nlu.understand('電子証明書って何年だっけ？').units).toEqual([]);
    expect(nlu.understand('カードの期限って何年かで切れるの？').units).toEqual([]);
    // The regular days are on the page: closed on weekends and holidays.
    expect(nlu.understand('平日が無理なので、休日に開いている日はありますか').units).toEqual([
      'counter.closedDays',
    ]);
  });

  it('hands off waiting inside over the lunch break and the card carried in a smartphone, neither on the page', () => {
    expect(nlu.understand('お昼休みの間は中で待たせてもらえますか').units).toEqual([]);
    expect(nlu.understand('スマホにマイナカードを入れて使えるって本当？').units).toEqual([]);
    // The break itself is on the page.
    expect(nlu.understand('お昼休みは何時から何時まで？').units).toEqual(['counter.lunch']);
  });

  it('hands off the least amount one may charge, which the page does not give', () => {
    expect(nlu.understand('チャージは最低いくらからできますか').units).toEqual([]);
    expect(nlu.understand('ポイントのためのチャージって最低何円から？').units).toEqual([]);
  });

  it('hands off tax in the amount, goods returned and whether a person answers the hotline, none on the page', () => {
    expect(nlu.understand('25%って消費税込みの値段で計算されますか').units).toEqual([]);
    expect(nlu.understand('買った物を返品したらポイントは減るの？').units).toEqual([]);
    expect(nlu.understand('フリーダイヤルって人と話せますか？自動音声だけ？').units).toEqual([]);
    // The hotline's hours are on the page.
    expect(nlu.understand('フリーダイヤルの受付時間は？').units).toEqual(['contact.hotlineHours']);
  });

  it('hands off a subject named anew after an answer that lacks it, when a known unknown is sure of it', () => {
    const phone = converse('泉支所でもやってますか', '泉支所の電話番号は？');
    expect(phone.units).toEqual([]);
    expect(phone.handoff).toBe('city');
    // The lost card's answer says that reissuing costs a fee.
    expect(converse('マイナンバーカードをなくしました', '再発行ってお金かかる？').units).toEqual([
      'card.lost',
    ]);
  });

  it('hands off a temperature check at the entrance, however 測る is written', () => {
    expect(nlu.understand('窓口で熱測られるの？').units).toEqual([]);
    expect(nlu.understand('支援窓口って熱はかりますか').units).toEqual([]);
  });

  it('reads a son or a daughter as the person asked for, not as a question about children', () => {
    // A grown child asking for a parent, or a parent passing a question on, asks what anyone would.
    expect(nlu.understand('娘がポイントの申込みはいつまでか知りたがっています').units).toEqual([
      'deadline.points',
    ]);
    expect(nlu.understand('息子に頼まれたんですが、保険証の登録で何ポイントもらえますか').units).toEqual([
      'points.health',
    ]);
    // A child's own card or points, or a parent deciding for a child, is still what the page does not say.
    expect(nlu.understand('中学生の娘もポイントをもらえますか').units).toEqual([]);
    expect(nlu.understand('親の私が娘の暗証番号を決めてもいいですか').units).toEqual([]);
    expect(nlu.understand('代わりに息子が窓口に行ってもいいですか').units).toEqual([]);
  });

  it('counts a verb or an adjective the content does not know as unknown, as a noun, unless its dictionary form is known', () => {
    const lexicon = new Lexicon({ newCard: ['作る'] });
    const unknown = (text: string) => analyse(text, lexicon, new Set(['家族', '窓口', '行く'])).unknownWords;
    expect(unknown('家族が付き添ってもいい？')).toEqual(['付き添う']);
    expect(unknown('窓口は狭い？')).toEqual(['狭い']);
    // 作っても is the content's 作る, inflected; 行く is listed as saying nothing of its own.
    expect(unknown('今から作ってもいい？')).toEqual([]);
    expect(unknown('窓口に行ってもいい？')).toEqual([]);
  });

  it('hands off a follow-up that asks, in a word the content does not know, what the last answer does not say', () => {
    const support = nlu.understand('窓口では何をサポートしてもらえますか');
    expect(support.units).toEqual(['apply.counterSupport']);
    expect(nlu.understand('家族が付き添ってもいい？', support.memory)).toMatchObject({
      units: [],
      handoff: 'city',
    });
  });

  it('does not count the person a question is asked for as an unknown subject when addressed politely (嫁さん, お母さん)', () => {
    const lexicon = new Lexicon({});
    const unknown = (text: string) =>
      analyse(text, lexicon, new Set(['嫁', '母', '旦那', '頼む'])).unknownWords;
    expect(unknown('嫁さんとお母さんと旦那さんに頼まれました')).toEqual([]);
    // Only the affixes of address come off: a word that merely ends like one is still unknown.
    expect(unknown('お嫁入り道具')).not.toEqual([]);
  });

  it('answers the question, not the greeting around it; a thank-you after a request is answered too', () => {
    expect(nlu.understand('こんにちは。持ち物は？').units).toEqual(['items.overview']);
    expect(nlu.understand('こんばんは、通帳っているの？').units).toEqual(['items.account']);
    expect(nlu.understand('持ち物を教えてください。よろしくお願いします。').units).toEqual([
      'items.overview',
    ]);
    expect(nlu.understand('Hello, where is the counter?').units).toEqual(['counter.places']);
    expect(nlu.understand('通知を止めてください。ありがとうございました').units).toEqual([
      'notice.unsubscribe',
      'thanks',
    ]);
    expect(nlu.understand('こんにちは。はじめまして').units).toEqual(['greeting']);
  });

  it('reads a bare 「どうしたらいい？」 after a problem as asking what to do about it, not as a second question', () => {
    expect(
      nlu.understand('最近物忘れがひどくて、カードの暗証番号が思い出せないんです。どうしたらいいでしょう')
        .units,
    ).toEqual(['card.pinReset']);
    // A second question with a subject of its own is still one.
    expect(nlu.understand('マイナポイントってなに？どうやってもらうの？').units).toEqual([
      'programme.what',
      'apply.how',
    ]);
  });

  it('does not read 偽 inside a word (せなあかん)', () => {
    expect(nlu.understand('申込みはいつまでにせなあかんの？').units).toEqual(['deadline.points']);
  });

  it('reads a holiday by its name, not as the words inside it (こどもの日 is not about children)', () => {
    expect(nlu.understand('こどもの日だけど今日もやってるのかな')).toMatchObject({
      units: ['counter.openOn'],
    });
  });
});

describe('the way of doing something (申し込み方)', () => {
  it('reads a verb stem and 方 as 「…の仕方」', () => {
    expect(nlu.understand('申し込み方を教えて').units).toEqual(['apply.how']);
    expect(nlu.understand('マイナポイントって何？申し込み方も教えて').units.sort()).toEqual([
      'apply.how',
      'programme.what',
    ]);
  });

  it('reads a word kept whole (選び方) by its stem, and leaves 方 after a noun alone', () => {
    const lexicon = new Lexicon({ how: ['仕方'], choose: ['選び'], mother: ['母'] });
    const read = (text: string) => [...analyse(text, lexicon).concepts].sort();
    expect(read('選び方がわからない')).toEqual(['choose', 'how']);
    expect(read('母の方が詳しい')).toEqual(['mother']);
  });
});

describe('potential verbs', () => {
  const lexicon = new Lexicon({ apply: ['申し込む'], transfer: ['振り込む'], get: ['受け取る'] });
  const found = (text: string) => [...lexicon.find(formsOf(text)).concepts.keys()];

  it('finds the verb a potential form is made from (申し込める → 申し込む)', () => {
    expect(found('いつまで申し込めますか')).toEqual(['apply']);
    expect(found('コンビニから振り込めますか')).toEqual(['transfer']);
    expect(found('窓口で受け取れますか')).toEqual(['get']);
  });

  it('reads 申し込める as applying in a question', () => {
    expect(nlu.understand('ポイントはいつまで申し込めますか').units).toEqual(['deadline.points']);
  });
});

describe('words found where a word starts', () => {
  const lexicon = new Lexicon({ stop: ['とめて'], support: ['手伝'], phone: ['電話'] });
  const found = (text: string) => [...lexicon.find(formsOf(text)).concepts.keys()];

  it('reads % as a word, so 何% asks a rate and a rate written 25% is not the 25 of a date', () => {
    const rates = new Lexicon({ percent: ['25%', 'パーセント'] });
    const rate = (text: string) => [...rates.find(formsOf(text)).concepts.keys()];
    expect(rate('チャージで何%もらえる？')).toEqual(['percent']);
    expect(rate('２５％って本当？')).toEqual(['percent']);
    expect(rate('12月25日は開いてる？')).toEqual([]);
  });

  it('finds a short word by its reading where typed in kana, never under a word in kanji that is another form', () => {
    const short = new Lexicon({ counter: ['窓口'], stop: ['解除'], care: ['介助'] });
    const read = (text: string) => [...short.find(formsOf(text)).concepts.keys()].sort();
    expect(read('まどぐち どこ')).toEqual(['counter']);
    expect(read('ロックを解除してほしい')).toEqual(['stop']);
    expect(read('介助をお願いしたい')).toEqual(['care']);
  });

  it('finds words of three or more kana inside a run the dictionary could not split, and no shorter ones', () => {
    const loose = new Lexicon({ amount: ['いくら'], get: ['もらえん'], chair: ['いす'] });
    const read = (text: string) => [...loose.find(formsOf(text)).concepts.keys()].sort();
    expect(read('ぶっちゃけいくらもらえんの？')).toEqual(['amount', 'get']);
    expect(read('ぶっちゃけちゅういすることは')).toEqual([]);
  });

  it('does not find a word inside another (とめて is not in まとめて)', () => {
    expect(found('まとめて教えて')).toEqual([]);
    expect(found('通知をとめてください')).toEqual(['stop']);
  });

  it('does not read a word across a loanword with a long vowel and the word before it (や|メール is not やめる)', () => {
    const slips = new Lexicon({
      stop: ['やめる'],
      list: ['どの'],
      mail: ['メール'],
      must: ['行かないとだめ'],
    });
    const read = (text: string) => [...slips.find(formsOf(text)).concepts.keys()].sort();
    expect(read('ファックスやメールで問い合わせできますか')).toEqual(['mail']);
    expect(read('マイナンバー化ードの申請')).toEqual([]);
    expect(read('通知をやめる')).toEqual(['stop']);
    expect(read('どのカードですか')).toEqual(['list']);
    expect(read('窓口に行かないとダメ？')).toEqual(['must']);
  });

  it("finds an English word as a word or inflected, never inside another ('point' is not in 'appointment', 'hi' not in 'his')", () => {
    const english = new Lexicon({
      where: ['where'],
      point: ['point'],
      deadline: ['deadline'],
      hello: ['hi'],
    });
    const words = (text: string) => [...english.find(formsOf(text)).concepts.keys()].sort();
    expect(words('Can I do it anywhere?')).toEqual([]);
    expect(words('Do I need an appointment?')).toEqual([]);
    expect(words('What are the deadlines and where do I go?')).toEqual(['deadline', 'where']);
    expect(words('How many points?')).toEqual(['point']);
    expect(words('What happens to his card?')).toEqual([]);
  });

  it('finds a hyphenated English word however it is written (Wi-Fi, wifi, wi fi)', () => {
    const english = new Lexicon({ facility: ['wi-fi'], charge: ['top-up'] });
    const words = (text: string) => [...english.find(formsOf(text)).concepts.keys()].sort();
    expect(words('市役所のWi-Fiは使えますか')).toEqual(['facility']);
    expect(words('Is there wifi?')).toEqual(['facility']);
    expect(words('Is there wi fi at the counter?')).toEqual(['facility']);
    expect(words('Can I top-up my card there?')).toEqual(['charge']);
    expect(words('Is the top floor up there?')).toEqual([]);
  });

  it('finds a number with a decimal point (37.5), typed in full width too, but not its digits apart', () => {
    const health = new Lexicon({ fever: ['37.5'] });
    const words = (text: string) => [...health.find(formsOf(text)).concepts.keys()];
    expect(words('今朝測ったら37.5度でした')).toEqual(['fever']);
    expect(words('３７．５度あります')).toEqual(['fever']);
    expect(words('37歳で5人家族です')).toEqual([]);
  });

  it('finds a word after an honorific the dictionary keeps whole (お手伝い), or reads apart (お電話)', () => {
    expect(found('お手伝いをお願いできますか')).toEqual(['support']);
    expect(found('お電話でも聞けますか')).toEqual(['phone']);
  });

  it("keeps the city's short kana forms out of everyday words (こんな, かえり, セキュリティ, せなあかん)", () => {
    const city = new Lexicon(content.knowledge.concepts);
    const concepts = (text: string) => [...city.find(formsOf(text)).concepts.keys()];
    expect(concepts('こんな時間でも開いてる？')).not.toContain('crowded');
    expect(concepts('仕事のかえりに寄れる？')).not.toContain('change');
    expect(concepts('セキュリティコードがわからない')).not.toContain('health');
    expect(concepts('いつまでにせなあかんの')).not.toContain('fraud');
    expect(concepts('まどぐち こんざつ してる？')).toContain('crowded');
  });

  it('takes only hiragana お/ご and 御 for an honorific, not the katakana of a loanword (オンライン)', () => {
    expect(formsOf('お手伝い').boundaries.has(1)).toBe(true);
    expect(formsOf('オンライン').boundaries.has(1)).toBe(false);
  });
});

describe('the matcher', () => {
  const matcher = new UnitMatcher([
    { id: 'counter.places', examples: [new Set(['counter', 'where'])] },
    { id: 'counter.hours', examples: [new Set(['counter', 'hours']), new Set(['open'])] },
  ]);

  it('ranks the unit whose example the message covers best first', () => {
    expect(matcher.rank(new Set(['counter', 'where']))[0]).toMatchObject({
      unit: 'counter.places',
      evidence: ['counter', 'where'],
    });
  });

  it('tells which units use a concept in any of their examples', () => {
    expect(matcher.uses('counter.hours', 'open')).toBe(true);
    expect(matcher.uses('counter.places', 'open')).toBe(false);
    expect(matcher.uses('no.such.unit', 'open')).toBe(false);
    expect(matcher.unitsUsing('counter')).toEqual(['counter.places', 'counter.hours']);
    expect(matcher.unitsUsing('floor')).toEqual([]);
  });
});
