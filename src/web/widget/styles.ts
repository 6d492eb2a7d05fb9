/**
 * The widget's stylesheet, scoped to its shadow root. Colours come from custom properties set
 * on the host element (--pa accent, --pt text on accent, --pi accent as text), so theming never
 * means editing this. Sizes are in px: the host page's rem must not scale the widget.
 * A short window (a laptop at 200 % zoom is 400 px tall) gets the whole screen, as a phone does,
 * and the messages keep at least 40 % of it; the rest of the panel scrolls rather than be cut off.
 * The launcher and panel take the highest z-index there is: shop themes put sticky headers at
 * 2147483647 too, and at a tie the widget, appended last to the body, is drawn on top.
 */
export const CSS = `
:host{all:initial!important;display:block!important}
*{box-sizing:border-box}
.root{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1d1f23;text-align:left;-webkit-font-smoothing:antialiased}
button{font:inherit;cursor:pointer}
.launcher{position:fixed;bottom:20px;right:20px;z-index:2147483647;width:58px;height:58px;padding:0;border:0;border-radius:50%;background:var(--pa);color:var(--pt);box-shadow:0 4px 14px rgba(0,0,0,.28);display:grid;place-items:center;transition:transform .15s}
.launcher:hover{transform:scale(1.06)}
.launcher svg{width:28px;height:28px}
.left .launcher,.left .panel{right:auto;left:20px}
.badge{position:absolute;top:-4px;right:-4px;min-width:22px;height:22px;padding:0 6px;border:2px solid #fff;border-radius:11px;background:#c5221f;color:#fff;font-size:12px;font-weight:700;line-height:18px;text-align:center}
.panel{position:fixed;bottom:90px;right:20px;z-index:2147483647;width:380px;height:min(640px,calc(100vh - 110px));display:flex;flex-direction:column;background:#fff;border-radius:16px;box-shadow:0 12px 40px rgba(0,0,0,.25);overflow:hidden;animation:pop .16s ease-out}
.panel[hidden]{display:none}
@keyframes pop{from{opacity:0;transform:translateY(10px)}}
header{display:flex;align-items:center;gap:10px;padding:12px 8px 12px 16px;background:var(--pa);color:var(--pt)}
header .av{width:36px;height:36px;border:2px solid currentColor}
.ht{flex:1;min-width:0}
h2{margin:0;font-size:16px;font-weight:650;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.ht p{margin:0;font-size:12.5px}
.ib{position:relative;flex:none;width:38px;height:38px;padding:0;border:0;border-radius:10px;background:none;color:inherit;display:grid;place-items:center}
.ib:hover{background:rgba(128,128,128,.25)}
.ib svg{width:20px;height:20px}
.ib[aria-pressed=false]::after{content:"";position:absolute;width:2px;height:22px;background:currentColor;transform:rotate(-45deg)}
.banner{padding:8px 16px;background:#fff4ce;color:#4a3600;font-size:13px}
.banner[hidden],.typing[hidden],.qr:empty,.limit[hidden]{display:none}
.limit{margin:0;padding:6px 12px 0;font-size:12.5px;color:#8a4b00}
.scroll{flex:1;overflow-y:auto;overscroll-behavior:contain;padding:16px 14px 6px}
.log{display:flex;flex-direction:column;gap:12px}
.m{display:flex;gap:8px;align-items:flex-start}
.av{flex:none;width:30px;height:30px;border-radius:50%;object-fit:cover;display:grid;place-items:center;font-size:13px;font-weight:700;background:var(--pa);color:var(--pt)}
.b{display:flex;flex-direction:column;align-items:flex-start;min-width:0;max-width:80%}
.u{justify-content:flex-end}
.u .b{align-items:flex-end}
.t{padding:9px 13px;border-radius:16px 16px 16px 4px;background:#f1f3f5;white-space:pre-wrap;overflow-wrap:anywhere}
.u .t{border-radius:16px 16px 4px 16px;background:var(--pa);color:var(--pt)}
.ag .t{background:#e4f4ee;box-shadow:inset 0 0 0 1px #8fcab5}
.ag .av{background:#0b6b52;color:#fff}
.n{margin:0 0 3px 2px;font-size:12.5px;font-weight:650;color:#0b5b46}
.t a{color:var(--pi);text-decoration:underline;overflow-wrap:anywhere}
.meta{display:flex;flex-wrap:wrap;align-items:center;gap:6px;margin:3px 3px 0;font-size:12px;color:#5b6068}
.fail .st{color:#b3261e}
.link{padding:0;border:0;background:none;color:var(--pi);text-decoration:underline;font-size:inherit}
.sys{align-self:center;max-width:90%;font-size:12.5px;color:#5b6068;text-align:center}
.fb{display:inline-flex;gap:2px}
.fb button{width:26px;height:24px;padding:0;border:0;border-radius:6px;background:none;color:#5b6068;display:grid;place-items:center}
.fb button:hover,.fb button[aria-pressed=true]{background:#e8eaed;color:var(--pi)}
.fb svg{width:14px;height:14px}
.fb .dn svg{transform:rotate(180deg)}
.typing{display:flex;gap:4px;width:max-content;margin:12px 0 0 38px;padding:12px 14px;border-radius:16px;background:#f1f3f5}
.typing i{width:7px;height:7px;border-radius:50%;background:#6b7078;animation:blink 1.2s infinite}
.typing i:nth-child(2){animation-delay:.2s}
.typing i:nth-child(3){animation-delay:.4s}
@keyframes blink{0%,80%,100%{opacity:.25}40%{opacity:1}}
.qr{display:flex;flex-wrap:wrap;justify-content:flex-end;gap:6px;padding:6px 14px 8px}
.qr button{padding:6px 14px;border:1.5px solid var(--pi);border-radius:18px;background:#fff;color:var(--pi);font-size:14px}
.qr button.score{padding:6px 0;min-width:36px}
.qr button:hover{background:var(--pi);color:#fff}
form{display:flex;align-items:flex-end;gap:8px;padding:10px 12px;border-top:1px solid #e1e4e8}
textarea{flex:1;min-height:42px;max-height:120px;padding:9px 12px;border:1px solid #8d939b;border-radius:12px;background:#fff;color:inherit;font:inherit;resize:none}
.send{flex:none;width:42px;height:42px;padding:0;border:0;border-radius:50%;background:var(--pa);color:var(--pt);display:grid;place-items:center}
.send svg{width:20px;height:20px}
footer{display:flex;flex-direction:column;align-items:flex-start;gap:4px;padding:0 14px 10px;font-size:12px;color:#5b6068}
footer label{cursor:pointer}
footer input{margin:0 6px 0 0;vertical-align:-2px;accent-color:var(--pi)}
footer a{color:var(--pi)}
:focus-visible{outline:2px solid var(--pi);outline-offset:2px}
textarea:focus-visible{outline-offset:0}
header :focus-visible{outline-color:currentColor;outline-offset:-2px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:480px),(max-height:560px){.root .panel{inset:0;width:auto;height:auto;border-radius:0}.open .launcher{display:none}}
@media (max-width:480px){textarea{font-size:16px}}
@media (max-height:560px){.panel{overflow-y:auto}.scroll{flex:1 0 auto;height:0;min-height:40%}footer{flex-flow:row wrap;column-gap:14px}}
@media (prefers-reduced-motion:reduce){.panel,.typing i{animation:none}.launcher{transition:none}}
`;
