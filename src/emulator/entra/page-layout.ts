import { html, SafeHtml } from "../html.js";

export interface PageInput {
  readonly title: string;
  /** The account the page is about, shown above the heading as Entra does once it is known. */
  readonly account?: string | undefined;
  readonly body: SafeHtml;
  /** Wider card, for the result page's URL and parameters. */
  readonly wide?: boolean;
}

/**
 * Entra's sign-in card, as a partner knows it: a white card on a light page, the account on top,
 * a 24px heading, underlined fields, blue primary buttons on the right. Everything is inline (no
 * external fonts, images or scripts), and the emulator says what it is on every page.
 */
export function renderPage(input: PageInput): string {
  const account =
    input.account === undefined ? undefined : html`<p class="identity" id="identity">${input.account}</p>`;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title} - Entra ID emulator</title>
<style>${STYLE}</style>
</head><body>
<main class="card${input.wide === true ? " wide" : ""}">
<p class="brand"><span class="mark" aria-hidden="true"></span>Entra ID <span class="tag">emulator</span></p>
${account}
${input.body}
</main>
<footer>cspops local emulator of Microsoft Entra ID · nothing you enter leaves this machine</footer>
</body></html>`.markup;
}

/** Constant CSS, trusted as markup (escaping would break its quotes inside `<style>`). */
const STYLE = new SafeHtml(`*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;flex-direction:column;align-items:center;background:#f2f2f2;color:#1b1b1b;
font-family:"Segoe UI","Segoe UI Web (West European)",-apple-system,BlinkMacSystemFont,Roboto,"Helvetica Neue",Arial,sans-serif;font-size:15px}
.card{width:440px;max-width:calc(100% - 40px);margin-top:8vh;padding:44px;background:#fff;box-shadow:0 2px 6px rgba(0,0,0,.2)}
.card.wide{width:640px}
.brand{margin:0;display:flex;align-items:center;gap:8px;font-size:17px;font-weight:600;color:#5e5e5e}
.mark{width:22px;height:22px;border-radius:4px;background:linear-gradient(135deg,#0078d4,#50e6ff)}
.tag{font-size:12px;font-weight:400;border:1px solid #8a8886;border-radius:2px;padding:0 4px}
.identity{margin:16px 0 0;font-size:15px}
h1{margin:16px 0 12px;font-size:24px;font-weight:600;line-height:28px}
h2{margin:20px 0 8px;font-size:15px;font-weight:600}
p{line-height:20px}
input[type=email],input[type=password],input[type=text]{width:100%;margin:12px 0 4px;padding:6px 0;border:0;border-bottom:1px solid #666;
font:inherit;outline:none;background:transparent}
input:focus{border-bottom:2px solid #0067b8}
.error{margin:8px 0;color:#e81123}
.buttons{display:flex;justify-content:flex-end;gap:4px;margin-top:24px}
button,.button{min-width:108px;min-height:32px;padding:4px 12px;border:0;font:inherit;cursor:pointer;text-align:center;text-decoration:none}
.primary{background:#0067b8;color:#fff}.primary:hover{background:#005da6}
.secondary{background:#ccc;color:#1b1b1b}.secondary:hover{background:#b3b3b3}
a{color:#0067b8;text-decoration:none}a:hover{text-decoration:underline}
.note{margin-top:20px;padding:8px 12px;border-left:3px solid #0067b8;background:#f3f2f1;font-size:13px;line-height:18px}
.app{display:flex;gap:12px;align-items:center;margin:8px 0 16px}
.app-icon{width:48px;height:48px;display:flex;align-items:center;justify-content:center;background:#0078d4;color:#fff;font-size:22px;font-weight:600}
.app-name{font-weight:600}.muted{color:#605e5c;font-size:13px}
ul.permissions{list-style:none;margin:0;padding:0}
ul.permissions li{padding:8px 0 8px 20px;border-bottom:1px solid #edebe9;position:relative}
ul.permissions li::before{content:"\\203A";position:absolute;left:4px;color:#605e5c}
.small{font-size:13px;line-height:18px;color:#1b1b1b}
.phone{margin:16px 0;padding:12px;border:1px dashed #8a8886;text-align:center}
.phone .code{font-size:28px;letter-spacing:6px;font-weight:600}
.outcome{display:flex;gap:10px;align-items:center}
.badge{width:28px;height:28px;border-radius:50%;display:flex;align-items:center;justify-content:center;color:#fff;font-weight:700;flex:none}
.badge.ok{background:#107c10}.badge.no{background:#a4262c}
code,.url{font-family:Consolas,"Courier New",monospace;font-size:13px;word-break:break-all}
.url{display:block;padding:8px;background:#f3f2f1;white-space:pre-wrap}
table{border-collapse:collapse;width:100%;font-size:13px}
td{padding:4px 8px 4px 0;vertical-align:top;border-bottom:1px solid #edebe9}
td:first-child{white-space:nowrap;font-weight:600}
details{margin-top:16px;font-size:13px}
footer{margin:24px;font-size:12px;color:#605e5c}`);
