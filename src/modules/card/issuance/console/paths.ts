// The addresses of the card console. A card's page is addressed by its applicant ID, as H3's image pages below it.
export const CARDS_PATH = '/console/card/cards';
export const BULK_PATH = `${CARDS_PATH}/bulk`;
export const BULK_CONFIRM_PATH = `${BULK_PATH}/confirm`;
export const ARRIVAL_LIST_PATH = '/console/card/arrivals/list';

/** A card's page, or one of its forms (`step`, `fee`, `memo`, `comment`). */
export const cardPath = (applicantId: string, form?: 'step' | 'fee' | 'memo' | 'comment'): string => `${CARDS_PATH}/${applicantId}${form ? `/${form}` : ''}`;
