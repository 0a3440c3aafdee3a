/** What `natterProfileClose` tells: how the user closed the panel. */
export interface NatterProfileCloseDetail {
  reason: 'button' | 'escape';
}
