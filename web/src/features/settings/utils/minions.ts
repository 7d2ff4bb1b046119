/** "1 minion", "8 minions". */
export const minionsText = (count: number) => `${count} ${count === 1 ? 'minion' : 'minions'}`;
