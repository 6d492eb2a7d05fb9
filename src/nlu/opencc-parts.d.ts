// opencc-js's dictionary presets, imported on their own (see traditional.ts): each is a list of
// dictionary groups, a dictionary being "from to|from to|…".
declare module 'opencc-js/from/cn' {
  const groups: string[][];
  export default groups;
}
declare module 'opencc-js/to/tw' {
  const groups: string[][];
  export default groups;
}
declare module 'opencc-js/dict/STCharacters' {
  const dictionary: string;
  export default dictionary;
}
