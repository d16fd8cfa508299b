// The addresses of 帳票イメージ's console pages.

export const IMAGES_PATH = '/console/card/images';
export const RETENTION_PATH = '/console/card/images/retention';

/** A card's images, its upload form's target. */
export const cardImagesPath = (applicantId: string): string => `/console/card/cards/${applicantId}/images`;
/** One image's page. */
export const imagePath = (applicantId: string, imageId: string): string => `${cardImagesPath(applicantId)}/${imageId}`;
/** One image's content (audited); `download` answers it as an attachment. */
export const imageContentPath = (applicantId: string, imageId: string, download = false): string =>
  `${imagePath(applicantId, imageId)}/content${download ? '?download=1' : ''}`;
/** The card's own page (H1's card detail). */
export const cardPath = (applicantId: string): string => `/console/card/cards/${applicantId}`;
