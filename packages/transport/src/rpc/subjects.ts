export function rpcSubjectPrefix(prefix: string, service: string): string {
  return `${prefix}.rpc.${service}`;
}

export function rpcQueueGroup(prefix: string, service: string): string {
  return `${prefix}.rpc.${service}`;
}
