/** Latin words (digits aside) and Chinese characters: how long a message is, as a customer reads it. */
function length(normalText: string): { words: number; han: number } {
  return {
    words: normalText.match(/[\p{Script=Latin}']+/gu)?.length ?? 0,
    han: normalText.match(/\p{Script=Han}/gu)?.length ?? 0,
  };
}

/**
 * A message of a word or two, or up to four Chinese characters, with no number in it ("order",
 * "payment", 「订单」, 「钱的问题」): it names a topic rather than asking a question, and a topic
 * such as "order" has several answers (track it, change it, cancel it). A number makes it a
 * request ("order 1048213").
 */
export function isBareTopic(normalText: string): boolean {
  if (/\d/u.test(normalText)) return false;
  const { words, han } = length(normalText);
  return words + han > 0 && 2 * words + han <= 4;
}

const EITHER_OR = /\s+or\s+|还是|或者|或是/u;

/**
 * "refund or return", 「退款还是退货」: two bare topics either side of one "or" (还是, 或者), the
 * customer's own choice of two. Longer sides ("is it coming back or should I get the grey one",
 * 「扣款成功了 订单还是待付款」, where 还是 means "still") are a question, not a choice.
 */
export function eitherOr(normalText: string): [string, string] | undefined {
  const sides = normalText.split(EITHER_OR).map((side) => side.replace(/[?？!！。.,，~]+/gu, '').trim());
  if (sides.length !== 2) return undefined;
  const [first, second] = sides as [string, string];
  return isBareTopic(first) && isBareTopic(second) ? [first, second] : undefined;
}
