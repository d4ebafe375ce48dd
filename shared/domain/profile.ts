/** The inspector using this laptop. Every change is stamped with it. */
export interface InspectorProfile {
  name: string;
  organisation: string;
  team: string;
}

export interface DeviceIdentity {
  deviceId: string;
  createdAt: string;
}

export function isProfileComplete(p: Partial<InspectorProfile> | undefined | null): p is InspectorProfile {
  return !!p && !!p.name?.trim() && !!p.organisation?.trim() && !!p.team?.trim();
}
