/** Where the page asks for signatures: this site's function, or your own backend (VITE_SIGNATURE_URL; same JSON). */
import { SIGNATURE_PATH } from '../../../lib/contract.ts';

export const SIGNATURE_URL: string = import.meta.env?.VITE_SIGNATURE_URL || SIGNATURE_PATH;
