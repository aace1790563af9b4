// 我的收藏: grouping favorite rows (one per node and kind) into what the page lists, and the links that continue
// handling from a favorite with the region it was favorited in.
import type { FavoriteRow } from './catalog';
import type { FavoriteKind } from './types';
import { stepHref } from './state';

export interface FavoriteItem {
  nodeId: string;
  kind: FavoriteKind;
  nodeName: string;
  topicName: string;
  regionCode: string | null;
  regionName: string | null;
  createdAt: string;
  /** Where 继续办理 leads: the letter for a favorited node, the path recommendation for a letter. */
  continueHref: string;
  /** The letter itself. */
  letterHref: string;
}

export function toItem(row: FavoriteRow): FavoriteItem {
  // The node and its topic are always there: removing a node removes its favorites (on delete cascade).
  const state = { region: row.region_code ?? undefined, topic: row.node.topic.id, node: row.node_id, answers: [] };
  return {
    nodeId: row.node_id,
    kind: row.kind,
    nodeName: row.node.name,
    topicName: row.node.topic.name,
    regionCode: row.region_code,
    regionName: row.region?.name ?? null,
    createdAt: row.created_at,
    continueHref: stepHref(row.kind === 'letter' ? 'paths' : 'letter', state),
    letterHref: stepHref('letter', state),
  };
}

/** Newest first, split into favorited topics/nodes (主题业务) and letters (告知书). */
export function groupFavorites(rows: FavoriteRow[]): { nodes: FavoriteItem[]; letters: FavoriteItem[] } {
  const items = rows
    .map(toItem)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.nodeId.localeCompare(b.nodeId));
  return { nodes: items.filter((i) => i.kind === 'node'), letters: items.filter((i) => i.kind === 'letter') };
}
