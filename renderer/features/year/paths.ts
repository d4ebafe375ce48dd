/** Hash-route paths of the year screens, for links from other features. */
export const yearPaths = {
  year: (year: number) => `/year/${year}`,
  unit: (year: number, targetId: string) => `/year/${year}/units/${targetId}`,
};
