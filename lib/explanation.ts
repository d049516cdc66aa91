/**
 * How every failure is put to people, whatever its source (Zoom's join codes, our functions' error codes, sign-in
 * reasons, signature problems): what it means, what usually causes it, what to do. The page renders this one shape.
 */
export interface Explanation {
  meaning: string;
  cause: string;
  fix: string;
}
