/** How a setting's text from the environment becomes its value, before validation names what is wrong. */
type Raw = { value: unknown };

export const toBoolean = ({ value }: Raw) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(v)) return false;
  return value; // left as a string so validation names it
};

/** An empty variable (`NAME=` in a .env file) counts as unset. */
export const emptyAsUnset = ({ value }: Raw) => (value === '' ? undefined : value);

export const toInt = ({ value }: Raw) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
