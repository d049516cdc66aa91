/** The 17 UI languages the Meeting SDK ships (`dist/lib/lang`), in the SDK's own codes. */
export const LANGUAGES = [
  ['en-US', 'English'],
  ['de-DE', 'Deutsch'],
  ['es-ES', 'Español'],
  ['fr-FR', 'Français'],
  ['id-ID', 'Bahasa Indonesia'],
  ['it-IT', 'Italiano'],
  ['ja-JP', '日本語'],
  ['ko-KR', '한국어'],
  ['nl-NL', 'Nederlands'],
  ['pl-PL', 'Polski'],
  ['pt-PT', 'Português'],
  ['ru-RU', 'Русский'],
  ['sv-SE', 'Svenska'],
  ['tr-TR', 'Türkçe'],
  ['vi-VN', 'Tiếng Việt'],
  ['zh-CN', '简体中文'],
  ['zh-TW', '繁體中文'],
] as const;

export type Language = (typeof LANGUAGES)[number][0];

export function isLanguage(value: string): value is Language {
  return LANGUAGES.some(([code]) => code === value);
}

/** The browser's language when the SDK has it, else English. */
export function preferredLanguage(candidates: readonly string[]): Language {
  for (const candidate of candidates) {
    const exact = LANGUAGES.find(([code]) => code.toLowerCase() === candidate.toLowerCase());
    if (exact) return exact[0];
    const sameBase = LANGUAGES.find(([code]) => code.split('-')[0] === candidate.split('-')[0]?.toLowerCase());
    if (sameBase) return sameBase[0];
  }
  return 'en-US';
}
