/**
 * The emulator's clock, injected (milliseconds since the epoch, like Date.now); the API's time format is the
 * contract's (provider/api/time.ts).
 */
export type Clock = () => number;

export { API_TIME_PATTERN, formatApiTime } from "../../provider/api/time";
