export interface View {
  element: HTMLElement;
  title(): string;
  /** Handles a shortcut key; true when it did something. */
  onKey?(event: KeyboardEvent): boolean;
  dispose?(): void;
}
