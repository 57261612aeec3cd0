/**
 * The console's one stylesheet, served as a file so that the pages need no inline style or script (the
 * Content-Security-Policy allows only this origin). Japanese text uses the web font the local chat uses.
 */
export const STAFF_CSS = `
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font-family: 'BIZ UDPGothic', sans-serif; color: #1d232c; background: #f3f5f8; line-height: 1.6; }
a { color: #1d5fbf; }
header.top { background: #273246; color: #fff; padding: 8px 16px; display: flex; flex-wrap: wrap; align-items: center; gap: 6px 16px; }
header.top .brand { font-weight: 700; margin-right: auto; }
header.top nav { display: flex; flex-wrap: wrap; gap: 4px 14px; }
header.top nav a { color: #fff; text-decoration: none; padding: 4px 0; border-bottom: 2px solid transparent; }
header.top nav a[aria-current="page"] { border-bottom-color: #06c755; }
header.top form { margin: 0; }
header.top .who { font-size: 13px; opacity: .85; }
main { max-width: 1100px; margin: 0 auto; padding: 16px; }
h1 { font-size: 22px; margin: 8px 0 16px; }
h2 { font-size: 18px; margin: 24px 0 8px; }
.card { background: #fff; border-radius: 8px; padding: 16px; margin-bottom: 16px; box-shadow: 0 1px 3px #0002; }
.narrow { max-width: 420px; margin: 40px auto; }
label { display: block; margin: 10px 0 4px; font-weight: 700; }
input[type=text], input[type=password], input[type=date], input[type=datetime-local], textarea, select {
  font: inherit; width: 100%; padding: 8px 10px; border: 1px solid #b8c0cc; border-radius: 6px; background: #fff; }
textarea { min-height: 140px; }
.choices label { font-weight: 400; display: flex; gap: 8px; align-items: flex-start; }
button, .button { font: inherit; border: none; border-radius: 6px; padding: 8px 16px; cursor: pointer; background: #06c755; color: #fff; text-decoration: none; display: inline-block; }
button.secondary, .button.secondary { background: #e4e8ee; color: #1d232c; }
button.danger { background: #c62828; }
button.link { background: none; color: inherit; padding: 4px 0; text-decoration: underline; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 12px; align-items: center; }
.error { color: #b00020; font-weight: 700; }
.notice-box { background: #fff8e1; border-left: 4px solid #f2a900; padding: 10px 12px; margin: 12px 0; }
.ok-box { background: #e8f5e9; border-left: 4px solid #06c755; padding: 10px 12px; margin: 12px 0; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e4e8ee; vertical-align: top; }
th { background: #eef1f5; font-size: 14px; }
td.num, th.num { text-align: right; white-space: nowrap; }
.table-wrap { overflow-x: auto; }
.muted { color: #5b6573; font-size: 14px; }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 13px; background: #e4e8ee; white-space: nowrap; }
.badge.sent { background: #d7f5e1; } .badge.failed { background: #fbd9d9; } .badge.queued, .badge.pending { background: #fff1c2; }
.badge.cancelled { background: #e4e8ee; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 12px; }
.stat { font-size: 28px; font-weight: 700; }
ul.plain { list-style: none; padding: 0; margin: 0; }
code { background: #eef1f5; padding: 1px 5px; border-radius: 4px; }
.filters { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: flex-end; }
.filters label { margin: 0; }
.filters input { width: auto; }
/* The preview draws a text message as the local chat draws LINE's talk screen. */
.talk { background: #8cabd8; border-radius: 12px; padding: 14px 10px; max-width: 420px; display: flex; flex-direction: column; gap: 8px; }
.talk .row { display: flex; align-items: flex-end; gap: 6px; }
.talk .avatar { width: 34px; height: 34px; border-radius: 50%; background: #06c755; color: #fff; display: flex; align-items: center; justify-content: center; font-size: 13px; flex: none; align-self: flex-start; }
.talk .msg { max-width: 78%; padding: 8px 11px; border-radius: 18px; white-space: pre-wrap; word-break: break-word; font-size: 14px; line-height: 1.45; background: #fff; border-top-left-radius: 4px; }
@media (max-width: 600px) {
  main { padding: 10px; }
  h1 { font-size: 19px; }
  header.top { padding: 8px 10px; }
  .card { padding: 12px; }
  table.stack thead { display: none; }
  table.stack tr { display: block; border-bottom: 1px solid #d6dbe2; padding: 6px 0; }
  table.stack td { display: block; border: none; padding: 2px 8px; }
  table.stack td[data-label]::before { content: attr(data-label) "："; font-weight: 700; }
  td.num { text-align: left; }
}
`;
