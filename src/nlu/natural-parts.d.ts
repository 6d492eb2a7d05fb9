// Only the two parts of natural the recognizer uses: importing all of natural costs ~110 MB.
declare module 'natural/lib/natural/tokenizers/regexp_tokenizer.js' {
  const tokenizers: { WordTokenizer: new () => { tokenize(text: string): string[] } };
  export default tokenizers;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const porterStemmer: { stem(word: string): string };
  export default porterStemmer;
}
