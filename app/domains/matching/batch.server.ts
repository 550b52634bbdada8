/**
 * Batch matching for one office: every open need against every provider that can take a case,
 * hard constraints first (so the flow network stays sparse), then the optimal assignment (min-cost
 * flow) and, for comparison, the greedy one. The preview changes nothing; staff confirm the pairs
 * they keep and each is sent as a referral (re-checked under its lock, like a single referral).
 */
import { and, asc, eq } from "drizzle-orm";
import { helpNeeds } from "#db/schema/matching";
import { subjects } from "#db/schema/subjects";
import type { ActorRef } from "~/domains/accounts/actor";
import { NotFoundError } from "~/domains/errors";
import type { Database, DbOrTx } from "~/utils/db.server";
import { greedyAssignment, optimalAssignment, optimalityGap, type AssignmentEdge } from "./assignment";
import {
  type Candidate,
  excludedProvidersOf,
  loadCandidates,
  needForRanking,
  type NeedFacts,
} from "./ranking.server";
import { sendReferral } from "./referrals.server";
import { batchScorer, scoreWeight } from "./scoring";

/** Candidates kept per need: the best few by score (the rest would not win a place anyway, almost). */
export const BATCH_CANDIDATES_PER_NEED = 30;
export const BATCH_MAX_NEEDS = 10_000;

export interface BatchNeed extends NeedFacts {
  caseCode?: string;
  excluded: Set<string>;
}

/** The pure part: edges from the hard constraints and scores, then both assignments. */
export function planBatch(
  needs: readonly BatchNeed[],
  candidates: readonly Candidate[],
  perNeed = BATCH_CANDIDATES_PER_NEED,
) {
  const eligibleScores = batchScorer(candidates);
  const edges: AssignmentEdge[] = [];
  const scores = new Map<string, number>();
  needs.forEach((need, needIndex) => {
    const ranked = eligibleScores(needForRanking(need, need.excluded), need.excluded);
    ranked.sort((a, b) => b.score - a.score || a.provider - b.provider);
    for (const { provider, score } of ranked.slice(0, perNeed)) {
      edges.push({ need: needIndex, provider, weight: scoreWeight(score) });
      scores.set(`${needIndex}:${provider}`, score);
    }
  });
  const problem = {
    needCount: needs.length,
    capacities: candidates.map((candidate) => candidate.capacity - candidate.activeCases),
    edges,
  };
  const optimal = optimalAssignment(problem);
  const greedy = greedyAssignment(problem);
  return {
    pairs: optimal.providerOfNeed.flatMap((provider, needIndex) =>
      provider === -1
        ? []
        : [
            {
              need: needs[needIndex]!,
              provider: candidates[provider]!,
              score: scores.get(`${needIndex}:${provider}`)!,
            },
          ],
    ),
    unassigned: optimal.providerOfNeed.filter((provider) => provider === -1).length,
    totalScore: optimal.total / 10,
    greedyScore: greedy.total / 10,
    greedyGap: optimalityGap(optimal.total, greedy.total),
    edges: edges.length,
  };
}

/** The preview for the actor's office: nothing is written. */
export async function previewBatch(db: DbOrTx, actor: ActorRef) {
  if (!actor.organizationId || !actor.districtId) return null;
  const rows = await db
    .select({
      id: helpNeeds.id,
      caseCode: subjects.caseCode,
      categoryId: helpNeeds.categoryId,
      officeId: helpNeeds.officeId,
      districtId: helpNeeds.districtId,
      languages: helpNeeds.languages,
      genderRequirement: helpNeeds.genderRequirement,
      urgency: helpNeeds.urgency,
    })
    .from(helpNeeds)
    .innerJoin(subjects, eq(subjects.id, helpNeeds.subjectId))
    .where(and(eq(helpNeeds.officeId, actor.organizationId), eq(helpNeeds.status, "open")))
    .orderBy(asc(helpNeeds.respondBy))
    .limit(BATCH_MAX_NEEDS);
  const [candidates, excluded] = await Promise.all([
    loadCandidates(db, { districtId: actor.districtId, officeId: actor.organizationId }),
    excludedProvidersOf(
      db,
      rows.map((row) => row.id),
    ),
  ]);
  const needs = rows.map((row) => ({ ...row, excluded: excluded.get(row.id) ?? new Set<string>() }));
  const plan = planBatch(needs, candidates);
  return {
    needCount: needs.length,
    providerCount: candidates.length,
    ...plan,
    pairs: plan.pairs.map((pair) => ({
      needId: pair.need.id,
      caseCode: pair.need.caseCode,
      categoryId: pair.need.categoryId,
      urgency: pair.need.urgency,
      providerId: pair.provider.id,
      providerName: pair.provider.name,
      score: pair.score,
    })),
  };
}

/** Sends the confirmed pairs; each is checked again and may fail alone (e.g. a place just taken). */
export async function confirmBatch(
  db: Database,
  actor: ActorRef & { ipAddress?: string | null },
  pairs: { needId: string; providerId: string }[],
  graceMinutes?: number,
) {
  let sent = 0;
  const failed: { needId: string; error: string }[] = [];
  for (const pair of pairs) {
    try {
      const result = await sendReferral(db, actor, { ...pair, graceMinutes });
      if (result.ok) sent += 1;
      else failed.push({ needId: pair.needId, error: result.error });
    } catch (error) {
      // A need of another office (a tampered form) is simply not sent.
      if (!(error instanceof NotFoundError)) throw error;
      failed.push({ needId: pair.needId, error: "matching:errors.needNotOpen" });
    }
  }
  return { sent, failed };
}
