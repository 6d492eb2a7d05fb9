/**
 * How long a password must be, counting only what is not whitespace: spaces make a passphrase
 * readable ("correct horse battery"), but ten spaces, or three letters padded with them, are not
 * a password.
 */
export const MIN_PASSWORD_CHARS = 10;

export const isLongEnoughPassword = (password: string) => password.replace(/\s/g, '').length >= MIN_PASSWORD_CHARS;

export const PASSWORD_RULE = `must have at least ${MIN_PASSWORD_CHARS} characters besides spaces`;
