import { formatFen, PAYMENT_CHANNEL_NAMES, SANDBOX_PAYMENT_PASSWORDS } from '@yss/contracts';
import type { CashierView } from './provider.js';

/**
 * The sandbox cashier's pages (收银台): plain server-rendered HTML, no script at all (the app's CSP allows none
 * inline, and none is needed: a form posts, the server redirects), one inline <style> (style-src allows it), large
 * text, every field labelled, errors announced (role="alert") and tied to the field (aria-describedby).
 */

export const SANDBOX_BANNER = '沙箱支付（测试模式，不产生真实扣款）';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** 2026-11-27 14:05 (北京时间) */
function chinaTime(at: Date): string {
  const s = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}

/** Only a path of this site: where the cashier links and redirects (the sandbox is served by the platform). */
export function sitePath(url: string): string {
  try {
    const u = new URL(url, 'http://sandbox.invalid');
    return u.pathname.startsWith('/') && !u.pathname.startsWith('//') ? `${u.pathname}${u.search}` : '/';
  } catch {
    return '/';
  }
}

const STYLE = `
*{box-sizing:border-box}
html{font-size:112.5%;-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;
  line-height:1.6;color:#1a1a1a;background:#f2f3f5}
.mode{margin:0;padding:.75rem 1rem;background:#fff4ce;color:#4d3200;border-bottom:2px solid #8a5a00;
  font-weight:700;text-align:center}
main{max-width:32rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0 1rem}
.card{background:#fff;border-radius:.75rem;padding:1rem 1.25rem;margin-bottom:1rem}
.amount{text-align:center;margin:.25rem 0 1rem}
.amount .label{display:block;color:#4a4a4a}
.amount .value{display:block;font-size:2.25rem;font-weight:700;letter-spacing:.02em}
dl{margin:0}
dl div{display:flex;justify-content:space-between;gap:1rem;padding:.4rem 0;border-top:1px solid #e5e6eb}
dt{color:#4a4a4a;flex:none}
dd{margin:0;text-align:right;word-break:break-all}
label{display:block;font-weight:700;margin-bottom:.5rem}
input{width:100%;font-size:1.5rem;letter-spacing:.5em;padding:.6rem .75rem;border:2px solid #6b6b6b;border-radius:.5rem}
input:focus{outline:3px solid #0b5cad;outline-offset:2px}
input[aria-invalid="true"]{border-color:#b3261e}
.error{color:#b3261e;font-weight:700;margin:.5rem 0}
.help{color:#4a4a4a;font-size:.95rem;margin:.5rem 0 0}
.help ul{margin:.25rem 0 0;padding-left:1.25rem}
button{display:block;width:100%;min-height:3rem;margin-top:1rem;font-size:1.2rem;font-weight:700;color:#fff;
  background:#0b5cad;border:0;border-radius:.5rem;cursor:pointer}
button:focus{outline:3px solid #1a1a1a;outline-offset:2px}
a{color:#0b5cad}
.back{display:block;text-align:center;min-height:3rem;line-height:3rem;font-size:1.1rem}
`;

function page(title: string, main: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} - ${SANDBOX_BANNER}</title>
<style>${STYLE}</style>
</head>
<body>
<header><p class="mode">${SANDBOX_BANNER}</p></header>
<main>
${main}
</main>
</body>
</html>
`;
}

export type FormError = 'declined' | 'format';

/** 收银台: the order, the 支付密码 field, the test passwords, 确认支付 and 返回商户. */
export function checkoutPage(view: Extract<CashierView, { kind: 'payable' }>, error?: FormError): string {
  const errorText =
    error === 'declined'
      ? '支付失败：余额不足。请换一个支付密码再试（测试模式）。'
      : error === 'format'
        ? '请输入6位数字支付密码。'
        : undefined;
  const describedBy = errorText ? 'password-error password-help' : 'password-help';
  const { insufficientFunds, notificationLost } = SANDBOX_PAYMENT_PASSWORDS;
  return page(
    '收银台',
    `<h1>收银台</h1>
<section class="card" aria-labelledby="order-title">
<h2 id="order-title" class="amount"><span class="label">支付金额</span><span class="value">${escapeHtml(formatFen(view.amountFen))}</span></h2>
<dl>
<div><dt>收款方</dt><dd>${escapeHtml(view.payeeName)}</dd></div>
<div><dt>订单内容</dt><dd>${escapeHtml(view.subject)}</dd></div>
<div><dt>订单号</dt><dd>${escapeHtml(view.orderNumber)}</dd></div>
<div><dt>支付方式</dt><dd>${escapeHtml(PAYMENT_CHANNEL_NAMES[view.channel].name)}</dd></div>
<div><dt>请在此前支付</dt><dd>${escapeHtml(chinaTime(view.expiresAt))}（北京时间）</dd></div>
</dl>
</section>
<form class="card" method="post" action="/sandbox-pay/checkout/${escapeHtml(view.id)}" novalidate>
${errorText ? `<p id="password-error" class="error" role="alert">${escapeHtml(errorText)}</p>\n` : ''}<label for="password">支付密码（6位数字）</label>
<input id="password" name="password" type="password" inputmode="numeric" pattern="[0-9]{6}" minlength="6" maxlength="6" autocomplete="off" required aria-describedby="${describedBy}"${errorText ? ' aria-invalid="true" autofocus' : ''}>
<div id="password-help" class="help">测试密码：
<ul>
<li>${insufficientFunds}：支付失败，提示余额不足</li>
<li>${notificationLost}：支付成功，但支付结果通知丢失（平台主动查单后显示已支付）</li>
<li>其他任意6位数字：支付成功</li>
</ul>
</div>
<button type="submit">确认支付</button>
</form>
<a class="back" href="${escapeHtml(sitePath(view.cancelUrl))}">返回商户</a>`,
  );
}

/** The payment is already paid: on to the merchant's result page. */
export function paidPage(returnUrl: string): string {
  return page(
    '已支付',
    `<h1>该订单已支付</h1>
<section class="card"><p>该订单已支付成功，无需重复支付。</p></section>
<a class="back" href="${escapeHtml(sitePath(returnUrl))}">查看支付结果</a>`,
  );
}

/** Closed (by the merchant) or expired: nothing can be paid here any more. */
export function closedPage(expired: boolean, cancelUrl: string): string {
  const heading = expired ? '订单已超时关闭' : '订单已关闭';
  return page(
    heading,
    `<h1>${heading}</h1>
<section class="card"><p>${expired ? '该订单已超过支付时限，' : '该订单已关闭，'}不能继续支付，也未产生扣款。如需缴费，请返回商户重新下单。</p></section>
<a class="back" href="${escapeHtml(sitePath(cancelUrl))}">返回商户</a>`,
  );
}

export function notFoundPage(): string {
  return page(
    '找不到该支付',
    `<h1>找不到该支付</h1>
<section class="card"><p>支付链接有误或已失效，未产生扣款。请返回粤省事重新发起支付。</p></section>
<a class="back" href="/">返回首页</a>`,
  );
}

export function refusedPage(): string {
  return page(
    '请求无效',
    `<h1>请求无效</h1>
<section class="card"><p>请在收银台页面内确认支付。</p></section>
<a class="back" href="/">返回首页</a>`,
  );
}
