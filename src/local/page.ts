/**
 * The local chat page: a LINE-like talk screen that draws the bot's replies (text, flex, quick replies) the way
 * LINE does, sends what the resident types or taps through the real webhook, and sets the bot's clock.
 * Japanese text uses a web font served by this server, so no system font is needed.
 */
export const CHAT_PAGE = `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ローカルチャット</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/local/font/japanese-400.css">
<link rel="stylesheet" href="/local/font/japanese-700.css">
<link rel="stylesheet" href="/local/font/latin-400.css">
<link rel="stylesheet" href="/local/font/latin-700.css">
<style>
  * { box-sizing: border-box; }
  html, body { margin: 0; height: 100%; }
  body { font-family: 'BIZ UDPGothic', sans-serif; background: #d8dde6; color: #111; }
  /* Form controls do not inherit the page's font by themselves: without it, Japanese shows as empty boxes. */
  button, input, select, textarea { font-family: inherit; }
  .phone { position: relative; max-width: 480px; height: 100dvh; margin: 0 auto; display: flex; flex-direction: column; background: #8cabd8; }
  header { background: #273246; color: #fff; padding: 10px 12px; display: flex; align-items: center; gap: 8px; }
  header h1 { font-size: 16px; margin: 0; flex: 1; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  header details { font-size: 12px; }
  header summary { cursor: pointer; list-style: none; background: #3c4a63; padding: 4px 8px; border-radius: 12px; }
  .clock-panel { position: absolute; right: 8px; margin-top: 6px; background: #fff; color: #111; padding: 10px; border-radius: 8px; box-shadow: 0 2px 8px #0005; display: flex; flex-direction: column; gap: 6px; z-index: 5; }
  #talk { flex: 1; overflow-y: auto; padding: 12px 10px; display: flex; flex-direction: column; gap: 8px; }
  .row { display: flex; align-items: flex-end; gap: 6px; }
  .row.me { justify-content: flex-end; }
  .avatar { width: 34px; height: 34px; border-radius: 50%; background: #06c755; color: #fff; display: flex; align-items: center; justify-content: center; font-size: 13px; flex: none; align-self: flex-start; }
  .msg { max-width: 78%; padding: 8px 11px; border-radius: 18px; white-space: pre-wrap; word-break: break-word; font-size: 14px; line-height: 1.45; }
  .msg.bot { background: #fff; border-top-left-radius: 4px; }
  .msg.me { background: #8de055; border-top-right-radius: 4px; }
  .msg.note { align-self: center; background: #0003; color: #fff; font-size: 12px; border-radius: 10px; }
  .bubble { background: #fff; border-radius: 12px; overflow: hidden; width: 82%; max-width: 300px; }
  .bubble .part { padding: 14px; }
  .fx-box { display: flex; min-width: 0; }
  .fx-box.vertical { flex-direction: column; }
  .fx-box.horizontal, .fx-box.baseline { flex-direction: row; }
  .fx-box.baseline { align-items: baseline; }
  .fx-text { white-space: pre-wrap; word-break: break-word; min-width: 0; }
  .fx-sep { border: none; border-top: 1px solid #e0e0e0; margin: 0; width: 100%; }
  .fx-button { border: none; border-radius: 8px; padding: 10px; font: inherit; cursor: pointer; width: 100%; }
  .fx-button.primary { background: #06c755; color: #fff; }
  .fx-button.secondary { background: #eef0f3; color: #111; }
  .fx-button.link { background: none; color: #3b6fd6; }
  #chips { display: flex; gap: 6px; overflow-x: auto; padding: 6px 8px; background: #8cabd8; }
  #chips:empty { display: none; }
  .chip { flex: none; border: 1px solid #06c755; background: #fff; color: #06a047; border-radius: 16px; padding: 6px 12px; font: inherit; font-size: 13px; cursor: pointer; }
  form { display: flex; gap: 6px; padding: 8px; background: #fff; border-top: 1px solid #ddd; }
  #say { flex: 1; font: inherit; font-size: 15px; padding: 8px 12px; border: 1px solid #ccc; border-radius: 18px; }
  form button { font: inherit; border: none; background: #06c755; color: #fff; border-radius: 18px; padding: 0 14px; cursor: pointer; }
  #menu-bar { background: #fff; border: none; border-top: 1px solid #ddd; font: inherit; padding: 8px; cursor: pointer; color: #444; }
  #richmenu { display: grid; grid-template-columns: repeat(3, 1fr); background: #fff; }
  #richmenu[hidden] { display: none; }
  .rm-area { height: 72px; border: 1px solid #e4e8ee; background: #f6fbf7; font: inherit; font-weight: 700; font-size: 14px; color: #1a5e35; cursor: pointer; }
  .error { color: #b00020; }
</style>
</head>
<body>
<div class="phone">
  <header>
    <div class="avatar">市</div>
    <h1 id="title">ローカルチャット</h1>
    <details id="clock">
      <summary id="clock-label">時計：実時間</summary>
      <div class="clock-panel">
        <label>ボットの時計（日本時間）<br><input type="datetime-local" id="clock-input" step="60"></label>
        <button type="button" id="clock-set">この時刻にする</button>
        <button type="button" id="clock-demo">受付期間中にする</button>
        <button type="button" id="clock-real">実時間に戻す</button>
        <span id="clock-error" class="error"></span>
      </div>
    </details>
  </header>
  <main id="talk" aria-live="polite"></main>
  <div id="chips"></div>
  <form id="composer">
    <input id="say" autocomplete="off" placeholder="メッセージを入力" aria-label="メッセージ">
    <button type="submit">送信</button>
  </form>
  <button id="menu-bar" type="button">メニュー ▼</button>
  <nav id="richmenu"></nav>
</div>
<script>
(() => {
  const talk = document.getElementById('talk');
  const chips = document.getElementById('chips');
  const userKey = 'local-chat-user';
  let userId = localStorage.getItem(userKey);
  if (!/^U[0-9a-f]{32}$/.test(userId || '')) {
    userId = 'U' + Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
    localStorage.setItem(userKey, userId);
  }

  const SIZES = { xxs: 11, xs: 13, sm: 14, md: 16, lg: 19, xl: 22, xxl: 29, '3xl': 35, '4xl': 48, '5xl': 74 };
  const SPACES = { none: 0, xs: 2, sm: 4, md: 8, lg: 12, xl: 16, xxl: 20 };
  const px = (v, table) => (v in table ? table[v] + 'px' : v);

  function scrollDown() { talk.scrollTop = talk.scrollHeight; }

  function addRow(who, node) {
    const row = document.createElement('div');
    row.className = 'row ' + who;
    if (who === 'bot') {
      const avatar = document.createElement('div');
      avatar.className = 'avatar';
      avatar.textContent = '市';
      row.append(avatar);
    }
    row.append(node);
    talk.append(row);
    scrollDown();
  }

  function textMessage(who, text) {
    const div = document.createElement('div');
    div.className = 'msg ' + who;
    div.textContent = text;
    addRow(who, div);
  }

  function note(text) {
    const div = document.createElement('div');
    div.className = 'msg note';
    div.textContent = text;
    talk.append(div);
    scrollDown();
  }

  function perform(action) {
    if (!action) return;
    if (action.type === 'postback') send({ kind: 'postback', data: action.data }, action.displayText || action.label);
    else if (action.type === 'message') send({ kind: 'text', text: action.text }, action.text);
    else if (action.type === 'uri') window.open(action.uri, '_blank', 'noopener');
  }

  function flex(node, parentLayout) {
    let el;
    switch (node.type) {
      case 'box': {
        el = document.createElement('div');
        el.className = 'fx-box ' + node.layout;
        if (node.spacing) el.style.gap = px(node.spacing, SPACES);
        if (node.backgroundColor) el.style.background = node.backgroundColor;
        if (node.paddingAll) el.style.padding = px(node.paddingAll, SPACES);
        if (node.cornerRadius) el.style.borderRadius = px(node.cornerRadius, SPACES);
        (node.contents || []).forEach((c) => el.append(flex(c, node.layout)));
        break;
      }
      case 'text': {
        el = document.createElement('div');
        el.className = 'fx-text';
        if (node.contents && node.contents.length) {
          node.contents.forEach((s) => {
            const span = document.createElement('span');
            span.textContent = s.text;
            if (s.color) span.style.color = s.color;
            if (s.weight === 'bold') span.style.fontWeight = '700';
            el.append(span);
          });
        } else el.textContent = node.text;
        el.style.fontSize = px(node.size || 'md', SIZES);
        if (node.weight === 'bold') el.style.fontWeight = '700';
        if (node.color) el.style.color = node.color;
        if (node.align) el.style.textAlign = node.align;
        if (!node.wrap) { el.style.whiteSpace = 'nowrap'; el.style.overflow = 'hidden'; el.style.textOverflow = 'ellipsis'; }
        break;
      }
      case 'button': {
        el = document.createElement('button');
        el.type = 'button';
        el.className = 'fx-button ' + (node.style || 'link');
        el.textContent = node.action.label;
        if (node.color) el.style[node.style === 'link' ? 'color' : 'background'] = node.color;
        el.addEventListener('click', () => perform(node.action));
        break;
      }
      case 'separator':
        el = document.createElement('hr');
        el.className = 'fx-sep';
        if (node.color) el.style.borderTopColor = node.color;
        break;
      case 'image':
        el = document.createElement('img');
        el.src = node.url;
        el.alt = '';
        el.style.width = '100%';
        break;
      case 'spacer':
        el = document.createElement('div');
        el.style.height = px(node.size || 'md', SPACES);
        break;
      default:
        el = document.createElement('div');
    }
    if (node.type !== 'box' || parentLayout) {
      if (node.margin) el.style[parentLayout === 'horizontal' || parentLayout === 'baseline' ? 'marginLeft' : 'marginTop'] = px(node.margin, SPACES);
      if (parentLayout === 'horizontal' || parentLayout === 'baseline') el.style.flex = node.flex === undefined ? '1 1 0' : node.flex + ' 1 0';
    }
    if (node.action && node.type !== 'button') {
      el.style.cursor = 'pointer';
      el.addEventListener('click', () => perform(node.action));
    }
    return el;
  }

  function bubble(b) {
    const card = document.createElement('div');
    card.className = 'bubble';
    ['header', 'hero', 'body', 'footer'].forEach((part) => {
      if (!b[part]) return;
      const wrap = document.createElement('div');
      wrap.className = 'part ' + part;
      wrap.append(flex(b[part]));
      card.append(wrap);
    });
    return card;
  }

  function render(messages) {
    chips.replaceChildren();
    messages.forEach((m) => {
      if (m.type === 'text') textMessage('bot', m.text);
      else if (m.type === 'flex') {
        const contents = m.contents.type === 'carousel' ? m.contents.contents : [m.contents];
        contents.forEach((b) => addRow('bot', bubble(b)));
      } else textMessage('bot', '(' + m.type + ')');
    });
    const last = messages[messages.length - 1];
    (last && last.quickReply ? last.quickReply.items : []).forEach((item) => {
      const chip = document.createElement('button');
      chip.type = 'button';
      chip.className = 'chip';
      chip.textContent = item.action.label;
      chip.addEventListener('click', () => perform(item.action));
      chips.append(chip);
    });
    // The quick-reply row takes room from the talk: scroll again once it is laid out, or it hides the reply.
    scrollDown();
    requestAnimationFrame(scrollDown);
  }

  async function send(body, shown) {
    if (shown) textMessage('me', shown);
    chips.replaceChildren();
    try {
      const res = await fetch('/local/send', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...body, userId }) });
      const data = await res.json();
      if (!res.ok) return note('エラー: ' + data.message);
      render(data.messages);
    } catch (e) {
      note('ボットに届きませんでした: ' + e.message);
    }
  }

  document.getElementById('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = document.getElementById('say');
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    send({ kind: 'text', text }, text);
  });

  const richmenu = document.getElementById('richmenu');
  const menuBar = document.getElementById('menu-bar');
  menuBar.addEventListener('click', () => {
    richmenu.hidden = !richmenu.hidden;
    menuBar.textContent = (menuBar.dataset.label || 'メニュー') + (richmenu.hidden ? ' ▲' : ' ▼');
  });

  function showClock(iso) {
    const label = document.getElementById('clock-label');
    if (!iso) { label.textContent = '時計：実時間'; return; }
    const shifted = new Date(new Date(iso).getTime() + 9 * 3600 * 1000);
    const local = shifted.toISOString().slice(0, 16);
    const weekday = '日月火水木金土'[shifted.getUTCDay()];
    label.textContent = '時計：' + local.slice(0, 10).replace(/-/g, '/') + '(' + weekday + ') ' + local.slice(11);
    document.getElementById('clock-input').value = local;
  }

  async function setClock(now) {
    const res = await fetch('/local/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now }) });
    const data = await res.json();
    document.getElementById('clock-error').textContent = res.ok ? '' : data.message;
    if (res.ok) { showClock(data.clock); note(data.clock ? 'ボットの時計を ' + document.getElementById('clock-label').textContent.slice(3) + ' にしました' : 'ボットの時計を実時間に戻しました'); }
  }
  document.getElementById('clock-set').addEventListener('click', () => {
    const value = document.getElementById('clock-input').value;
    if (value) setClock(value + ':00+09:00');
  });
  document.getElementById('clock-real').addEventListener('click', () => setClock(null));
  let demoMoment = null;
  document.getElementById('clock-demo').addEventListener('click', () => { if (demoMoment) setClock(demoMoment); });

  fetch('/local/config').then((r) => r.json()).then((config) => {
    document.getElementById('title').textContent = config.botName + '（ローカル）';
    document.title = config.botName;
    menuBar.dataset.label = config.richMenu.chatBarText;
    menuBar.textContent = config.richMenu.chatBarText + ' ▼';
    config.richMenu.areas.forEach((action) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'rm-area';
      b.textContent = action.label;
      b.addEventListener('click', () => perform(action));
      richmenu.append(b);
    });
    showClock(config.clock);
    demoMoment = config.demo.at;
    document.getElementById('clock-demo').textContent = '受付期間中（' + config.demo.label + '）にする';
    if (config.programmeEnded) {
      note('今日の日付では、マイナポイントの受付は終わっています。そのため、どの質問にも「終了しました」とお答えします。受付期間中の答えを試すには、右上の時計で「受付期間中にする」を押してください。');
    }
    if (!sessionStorage.getItem('followed')) {
      sessionStorage.setItem('followed', '1');
      note('友だち追加しました');
      send({ kind: 'follow' });
    }
  });
})();
</script>
</body>
</html>
`;
