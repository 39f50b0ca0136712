/** What signing in through the popup's form takes: the simulator's `demo` login has it. */
export interface Login {
  /** The account host, e.g. `acme.leankit.com`. */
  host: string;
  email: string;
  password: string;
}
