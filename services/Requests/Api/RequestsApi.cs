using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Mediation.BuildingBlocks.Api;
using Mediation.BuildingBlocks.Parties;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Requests.Domain;
using Mediation.Requests.Matching;
using Mediation.Requests.Persistence;
using Microsoft.EntityFrameworkCore;
using Proto = Mediation.Api.Requests.V1;

namespace Mediation.Requests.Api;

/// <summary>The requests service's gRPC API. Who may do what is checked here; who may see what, in <see cref="CaseAccess"/>.</summary>
public sealed class RequestsApi(RequestsDb db, PartyDirectory parties, HandoverPeer handover, HoldingAnswerDeadline answerDeadline, IntakeLimits limits,
    EventStreamSlots streams, TimelineCommits commits, TimeProvider clock) : Proto.RequestsService.RequestsServiceBase
{
    private const string Service = StageProjection.Registry;
    private const int WatchBatch = 100;

    public override Task<Proto.SubmitRequestResponse> SubmitRequest(Proto.SubmitRequestRequest request, ServerCallContext context) =>
        db.Mutate(context, clock, request, request.RequestId, (v, now) => SubmitRequestRules.Check(request, now, v), async m =>
        {
            var (caller, officer, now, ct) = m;
            await RequireRoomFor(caller.Party, request.Children.Count, ct);
            var submission = new TracingRequest { Id = ResourceName.NewId(), RequestingPartyId = caller.Party.Id, CreatedAt = now };
            db.TracingRequests.Add(submission);
            var response = new Proto.SubmitRequestResponse { Name = ResourceName.Format("requests", submission.Id) };
            var search = new MatchSearch(db, limits);
            for (var i = 0; i < request.Children.Count; i++)
            {
                var c = NewCase(submission, request.Children[i], now);
                c.Record(nameof(CaseSubmitted), Service, caller.Party.Id, officer, now, c.Version, "submitted");
                // Earlier open cases that may be the same child wait for the mediator's decision; the party's own
                // open case of the very same child is refused rather than folded in: the partner's system already
                // holds that case (with its own claimants and consents) and must learn of it, not get a second name for it.
                var found = await search.For(c, now, ct);
                if (found.SameChildOpenCase is { } existing)
                    throw new AlreadyExists($"children[{i}].child is the same child (names, birth date and last known region) as {ResourceName.Format("cases", existing)}, "
                        + "an open case this party submitted earlier; nothing was stored. Follow that case, or withdraw it first.");
                db.MatchCandidates.AddRange(found.Candidates);
                db.Cases.Add(c);
                db.Publish(new CaseSubmitted(c.Id, submission.Id, caller.Party.Id, now, caller.Party.Id, officer, c.Version), now);
                response.Cases.Add(c.ToProto(caller));
            }
            return response;
        }, async (first, caller, ct) =>
        {
            var seen = new Proto.SubmitRequestResponse { Name = first.Name };
            seen.Cases.AddRange(await db.SeenToday(first.Cases, caller, ct));
            return seen;
        }, (PartyKind.Requesting, "submit requests"));

    /// <summary>
    /// A party's open cases stay under <see cref="IntakeLimits.OpenCasesPerParty"/>: each one is searched by every
    /// later submission of a child born about the same day. Submissions that run at the same moment may each
    /// pass the count; they overshoot by at most what they carry. The count stops once past the room left, so a
    /// submission reads at most the quota's worth of the party's open cases, whatever else is stored; the exact
    /// number is counted only for a refusal.
    /// </summary>
    private async Task RequireRoomFor(Party party, int children, CancellationToken ct)
    {
        var open = db.Cases.Where(c => c.RequestingPartyId == party.Id && !CaseTransitions.Final.Contains(c.Stage));
        var room = limits.OpenCasesPerParty - children;
        if (room >= 0 && await open.Take(room + 1).CountAsync(ct) <= room)
            return;
        var count = await open.CountAsync(ct);
        throw new QuotaExceeded(party.ResourceName,
            $"{party.ResourceName} has {count} open cases; {children} more would pass its limit of {limits.OpenCasesPerParty} open cases "
            + "(Requests:OpenCasesPerParty). Nothing was stored. Cases count again as they are closed, withdrawn, rejected or found duplicates.");
    }

    public override async Task<Proto.GetCaseResponse> GetCase(Proto.GetCaseRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var v = new FieldViolations();
        var id = ResourceName.Parse("cases", request.Name, "name", v);
        v.ThrowIfAny();
        var c = await db.FindVisibleCase(caller, id!, context.CancellationToken);
        return new Proto.GetCaseResponse { Case = c.ToProto(caller) };
    }

    public override async Task<Proto.ListCasesResponse> ListCases(Proto.ListCasesRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var v = new FieldViolations();
        var size = Paging.Size(request.PageSize, 50, v);
        var after = Paging.Decode(request.PageToken, v);
        if (!Enum.IsDefined(request.Stage))
            v.Add("stage", "not a CaseStage value");
        string? requesting = null, holding = null;
        if (request.RequestingParty.Length > 0 && (requesting = parties.FindByResourceName(request.RequestingParty)?.Id) is null)
            v.Add("requesting_party", "expected 'parties/{id}' of a known party");
        if (request.HoldingParty.Length > 0 && (holding = parties.FindByResourceName(request.HoldingParty)?.Id) is null)
            v.Add("holding_party", "expected 'parties/{id}' of a known party");
        var createdFrom = v.Time("create_time_after", request.CreateTimeAfter, required: false);
        var createdUntil = v.Time("create_time_before", request.CreateTimeBefore, required: false);
        v.ThrowIfAny();

        // Filters narrow what the caller may see; they never widen it.
        var query = db.Cases.VisibleTo(caller);
        if (request.Stage != Proto.CaseStage.Unspecified)
            query = query.Where(c => c.Stage == (CaseStage)request.Stage);
        if (requesting is not null)
            query = query.Where(c => c.RequestingPartyId == requesting);
        if (holding is not null)
            query = query.Where(c => c.HoldingPartyId == holding);
        if (createdFrom is { } from)
            query = query.Where(c => c.CreatedAt >= from);
        if (createdUntil is { } to)
            query = query.Where(c => c.CreatedAt < to);
        if (request.OverdueOnly)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            query = query.Where(c => c.Stage == CaseStage.Forwarded && c.AnswerDueAt < now);
        }
        if (after is not null)
            query = query.Where(c => string.Compare(c.Id, after) > 0);
        var page = await query.OrderBy(c => c.Id).Take(size + 1).Include(c => c.Claimants).AsNoTracking().ToListAsync(context.CancellationToken);

        var response = new Proto.ListCasesResponse();
        response.Cases.AddRange(page.Take(size).Select(c => c.ToProto(caller)));
        if (page.Count > size)
            response.NextPageToken = Paging.Encode(page[size - 1].Id);
        return response;
    }

    public override async Task<Proto.ListCaseEventsResponse> ListCaseEvents(Proto.ListCaseEventsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var v = new FieldViolations();
        var id = ResourceName.Parse("cases", request.Parent, "parent", v);
        var size = Paging.Size(request.PageSize, 100, v);
        var after = TimelinePages.Position.Decode(request.PageToken, v);
        v.ThrowIfAny();
        var ct = context.CancellationToken;
        if (!await db.Cases.VisibleTo(caller).AnyAsync(c => c.Id == id, ct))
            throw new NotFound(request.Parent);

        // Entries arrive from several services in any order; the timeline reads in the order things happened.
        var page = await db.Timeline.VisibleTo(caller).TimelinePage(id!, after, size, ct)
            ?? throw new InvalidInput(new FieldViolations().Add("page_token", "not a token from a previous response for this case"));
        var response = new Proto.ListCaseEventsResponse();
        response.Events.AddRange(page.Entries.Select(t => t.ToProto(caller)));
        if (page.Next is { } next)
            response.NextPageToken = next.Encode();
        return response;
    }

    public override async Task WatchCaseEvents(Proto.WatchCaseEventsRequest request, IServerStreamWriter<Proto.WatchCaseEventsResponse> responseStream, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var v = new FieldViolations();
        var cursor = Paging.Decode(request.Cursor, v, "cursor");
        long after = 0;
        if (cursor is not null && !long.TryParse(cursor, out after))
            v.Add("cursor", "not a cursor from this stream");
        v.ThrowIfAny();
        var ct = context.CancellationToken;
        using var slot = streams.Take(caller.Party);
        // Subscribe first, then read: a commit that lands after a read's snapshot has completed the wake-up
        // taken before it, so the stream reads again; one that landed before is in the read.
        using var watch = commits.Subscribe(caller);
        var headersSent = false;
        // Entries are numbered in commit order (on PostgreSQL as each transaction commits, see
        // TimelineCommitOrder; one writer at a time on SQLite), so following the numbers loses and repeats nothing.
        while (!ct.IsCancellationRequested)
        {
            var wake = watch.Next();
            var batch = await (
                from t in db.Timeline.AsNoTracking().VisibleTo(caller)
                join c in db.Cases.VisibleTo(caller) on t.CaseId equals c.Id
                where t.Sequence > after
                orderby t.Sequence
                select t).Take(WatchBatch).ToListAsync(ct);
            if (!headersSent)
            {
                // The stream is open and caught up with what had committed: a client may count on it from here.
                await context.WriteResponseHeadersAsync([]);
                headersSent = true;
            }
            foreach (var t in batch)
            {
                await responseStream.WriteAsync(new Proto.WatchCaseEventsResponse
                {
                    Case = ResourceName.Format("cases", t.CaseId),
                    Event = t.ToProto(caller),
                    Cursor = Paging.Encode(t.Sequence.ToString(CultureInfo.InvariantCulture)),
                }, ct);
                after = t.Sequence;
            }
            // A full batch may have more behind it; otherwise nothing is read until a commit concerns this party.
            if (batch.Count < WatchBatch)
                await wake.WaitAsync(ct);
        }
    }

    public override async Task<Proto.AcceptCaseResponse> AcceptCase(Proto.AcceptCaseRequest request, ServerCallContext context) =>
        new() { Case = await Move(request, request.RequestId, request.Name, context, PartyKind.Mediator, "accept cases", null,
            (c, caller, officer, now) =>
            {
                c.Apply(CaseAction.Accept, now);
                return new CaseAccepted(c.Id, now, caller.Party.Id, officer, c.Version);
            }) };

    public override async Task<Proto.RejectCaseResponse> RejectCase(Proto.RejectCaseRequest request, ServerCallContext context) =>
        new() { Case = await Move(request, request.RequestId, request.Name, context, PartyKind.Mediator, "reject cases",
            v => v.RequireText("reason", request.Reason, SubmitRequestRules.MaxNote),
            (c, caller, officer, now) =>
            {
                c.Apply(CaseAction.Reject, now);
                c.RejectionReason = request.Reason.Trim();
                return new CaseRejected(c.Id, now, caller.Party.Id, officer, c.Version);
            }) };

    public override async Task<Proto.MarkCaseDuplicateResponse> MarkCaseDuplicate(Proto.MarkCaseDuplicateRequest request, ServerCallContext context)
    {
        string? originalId = null;
        return new()
        {
            Case = await Move(request, request.RequestId, request.Name, context, PartyKind.Mediator, "mark duplicates",
                v => originalId = ResourceName.Parse("cases", request.DuplicateOf, "duplicate_of", v),
                (c, caller, officer, now) =>
                {
                    if (originalId == c.Id)
                        throw new InvalidInput(new FieldViolations().Add("duplicate_of", "a case cannot duplicate itself"));
                    if (!db.Cases.Any(o => o.Id == originalId))
                        throw new NotFound(request.DuplicateOf);
                    c.Apply(CaseAction.MarkDuplicate, now);
                    c.DuplicateOf = originalId;
                    return new CaseMarkedDuplicate(c.Id, originalId!, now, caller.Party.Id, officer, c.Version);
                }),
        };
    }

    public override async Task<Proto.ForwardCaseResponse> ForwardCase(Proto.ForwardCaseRequest request, ServerCallContext context)
    {
        Party? holder = null;
        return new()
        {
            Case = await Move(request, request.RequestId, request.Name, context, PartyKind.Mediator, "forward cases",
                v =>
                {
                    holder = parties.FindByResourceName(request.HoldingParty);
                    if (holder is not { Kind: PartyKind.Holding })
                        v.Add("holding_party", "expected 'parties/{id}' of a holding party");
                    v.LimitText("consent_override_reason", request.ConsentOverrideReason, SubmitRequestRules.MaxNote);
                },
                (c, caller, officer, now) =>
                {
                    if (!c.ShareConsent.Given)
                    {
                        if (string.IsNullOrWhiteSpace(request.ConsentOverrideReason))
                            throw new TransitionRefused("The case has no consent to share the child's data with the holding party; forwarding it needs the mediator's override, with a reason in consent_override_reason.");
                        c.ConsentOverrideReason = request.ConsentOverrideReason.Trim();
                    }
                    c.Apply(CaseAction.Forward, now);
                    c.AwaitAnswer(answerDeadline, now);
                    c.HoldingPartyId = holder!.Id;
                    c.CurrentLocation = null;
                    return new CaseForwarded(c.Id, holder.Id, now, caller.Party.Id, officer, c.Version, !c.ShareConsent.Given);
                }),
        };
    }

    public override async Task<Proto.ReportCaseLocatedResponse> ReportCaseLocated(Proto.ReportCaseLocatedRequest request, ServerCallContext context) =>
        new() { Case = await Move(request, request.RequestId, request.Name, context, PartyKind.Holding, "report children located",
            v => SubmitRequestRules.CheckPlace(v, "location", request.Location),
            (c, caller, officer, now) =>
            {
                c.Apply(CaseAction.ReportLocated, now);
                c.CurrentLocation = request.Location.ToDomain();
                return new CaseLocated(c.Id, c.RequestingPartyId, c.HoldingPartyId!, c.Child.AgeOn(DateOnly.FromDateTime(now)),
                    c.Child.HasSpecialNeeds, c.Claimants.Any(x => x.IsParent), now, caller.Party.Id, officer, c.Version, c.SharingStopped);
            }) };

    public override async Task<Proto.ReportCaseNotLocatedResponse> ReportCaseNotLocated(Proto.ReportCaseNotLocatedRequest request, ServerCallContext context) =>
        new() { Case = await Move(request, request.RequestId, request.Name, context, PartyKind.Holding, "report children not located",
            v => v.RequireText("tried", request.Tried, SubmitRequestRules.MaxNote),
            (c, caller, officer, now) =>
            {
                c.Apply(CaseAction.ReportNotLocated, now);
                c.NotLocatedNote = request.Tried.Trim();
                c.NotLocatedByPartyId = caller.Party.Id;
                return new CaseNotLocated(c.Id, now, caller.Party.Id, officer, c.Version);
            }) };

    public override async Task<Proto.WithdrawCaseResponse> WithdrawCase(Proto.WithdrawCaseRequest request, ServerCallContext context) =>
        new() { Case = await Move(request, request.RequestId, request.Name, context, PartyKind.Requesting, "withdraw cases", null,
            (c, caller, officer, now) =>
            {
                c.Apply(CaseAction.Withdraw, now);
                return new CaseWithdrawn(c.Id, now, caller.Party.Id, officer, c.Version);
            },
            // A verified case may have joined a batch a moment ago, before the event reached this service: ask handover.
            async c =>
            {
                if (c.Stage == CaseStage.Verified && await handover.HasStarted(request.Name, context))
                    throw new TransitionRefused("The child has already joined a handover batch; a case cannot be withdrawn once its handover has started.");
            }) };

    public override async Task<Proto.WithdrawShareConsentResponse> WithdrawShareConsent(Proto.WithdrawShareConsentRequest request, ServerCallContext context) =>
        new() { Case = await Move(request, request.RequestId, request.Name, context, PartyKind.Requesting, "withdraw consents",
            v => v.RequireText("withdrawn_by", request.WithdrawnBy, SubmitRequestRules.MaxName),
            (c, caller, officer, now) =>
            {
                c.WithdrawShareConsent(request.WithdrawnBy.Trim(), now);
                return new ShareConsentWithdrawn(c.Id, now, caller.Party.Id, officer, c.Version);
            }) };

    public override async Task<Proto.ListMatchCandidatesResponse> ListMatchCandidates(Proto.ListMatchCandidatesRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.RequireKind(PartyKind.Mediator, "see match candidates");
        var v = new FieldViolations();
        var id = ResourceName.Parse("cases", request.Parent, "parent", v);
        var size = Paging.Size(request.PageSize, 50, v);
        var after = MatchCandidatePosition.Decode(request.PageToken, v);
        v.ThrowIfAny();
        var ct = context.CancellationToken;
        if (!await db.Cases.AnyAsync(c => c.Id == id, ct))
            throw new NotFound(request.Parent);
        // Best first, by keyset on (score, id) through the (case, score) index: no page reads the ones before it.
        var query = db.MatchCandidates.Where(m => m.CaseId == id);
        if (after is { } a)
        {
            var (score, lastId) = (a.Score, a.Id);
            query = query.Where(m => m.Score < score || (m.Score == score && string.Compare(m.Id, lastId) > 0));
        }
        var page = await query.OrderByDescending(m => m.Score).ThenBy(m => m.Id).Take(size + 1).AsNoTracking().ToListAsync(ct);
        var response = new Proto.ListMatchCandidatesResponse();
        response.Candidates.AddRange(page.Take(size).Select(ToProto));
        if (page.Count > size)
            response.NextPageToken = MatchCandidatePosition.Encode(page[size - 1]);
        return response;
    }

    public override Task<Proto.ConfirmMatchResponse> ConfirmMatch(Proto.ConfirmMatchRequest request, ServerCallContext context)
    {
        (string? CaseId, string? Id) name = default;
        return db.Mutate(context, clock, request, request.RequestId, (v, _) => name = ResourceName.ParseNested("cases", "matches", request.Name, "name", v), async m =>
        {
            var (caller, officer, now, ct) = m;
            var match = await OpenMatch(name.CaseId!, name.Id!, request.Name, ct);
            var c = await db.FindVisibleCase(caller, match.CaseId, ct);
            c.Apply(CaseAction.MarkDuplicate, now);
            c.DuplicateOf = match.CandidateId;
            match.State = MatchState.Confirmed;
            match.DecidedBy = officer;
            match.DecidedAt = now;
            var e = new CaseMarkedDuplicate(c.Id, match.CandidateId, now, caller.Party.Id, officer, c.Version);
            c.Record(nameof(CaseMarkedDuplicate), Service, caller.Party.Id, officer, now, e.Sequence, TimelineSummary.Of(e));
            db.Publish(e, now);
            return new Proto.ConfirmMatchResponse { Case = c.ToProto(caller) };
        }, async (first, caller, ct) => new Proto.ConfirmMatchResponse { Case = await db.SeenToday(first.Case, caller, ct) },
        (PartyKind.Mediator, "confirm matches"));
    }

    public override Task<Proto.DismissMatchResponse> DismissMatch(Proto.DismissMatchRequest request, ServerCallContext context)
    {
        (string? CaseId, string? Id) name = default;
        return db.Mutate(context, clock, request, request.RequestId, (v, _) => name = ResourceName.ParseNested("cases", "matches", request.Name, "name", v), async m =>
        {
            var match = await OpenMatch(name.CaseId!, name.Id!, request.Name, m.Cancellation);
            match.State = MatchState.Dismissed;
            match.DecidedBy = m.Officer;
            match.DecidedAt = m.Now;
            return new Proto.DismissMatchResponse { Candidate = ToProto(match) };
        },
        // Ids and a score, for the mediator alone, who sees every case: nothing to cut.
        (first, _, _) => Task.FromResult(first),
        (PartyKind.Mediator, "dismiss matches"));
    }

    private async Task<MatchCandidate> OpenMatch(string caseId, string id, string name, CancellationToken ct)
    {
        var match = await db.MatchCandidates.SingleOrDefaultAsync(x => x.Id == id && x.CaseId == caseId, ct) ?? throw new NotFound(name);
        if (match.State != MatchState.Open)
            throw new TransitionRefused($"{name} is already {match.State}.");
        return match;
    }

    private static Proto.MatchCandidate ToProto(MatchCandidate m) => new()
    {
        Name = $"cases/{m.CaseId}/matches/{m.Id}",
        Case = ResourceName.Format("cases", m.CaseId),
        Candidate = ResourceName.Format("cases", m.CandidateId),
        Score = m.Score,
        State = (Proto.MatchState)m.State,
        CreateTime = m.CreatedAt.ToTimestamp(),
    };

    /// <summary>
    /// The shape of every party's move on one case: who may, what is well-formed, the case as the caller
    /// sees it, the transition, its timeline entry and its event — committed together, once per request id.
    /// </summary>
    private async Task<Proto.Case> Move(
        IMessage request, string requestId, string name, ServerCallContext context, PartyKind kind, string action,
        Action<FieldViolations>? check, Func<Case, Caller, string, DateTime, ICaseEvent> change, Func<Case, Task>? confirm = null)
    {
        string? id = null;
        var response = await db.Mutate(context, clock, request, requestId, (v, _) =>
        {
            id = ResourceName.Parse("cases", name, "name", v);
            check?.Invoke(v);
        }, async m =>
        {
            var (caller, officer, now, ct) = m;
            var c = await db.FindVisibleCase(caller, id!, ct);
            if (confirm is not null)
                await confirm(c);
            var e = change(c, caller, officer, now);
            c.Record(e.GetType().Name, Service, caller.Party.Id, officer, now, e.Sequence, TimelineSummary.Of(e));
            db.Publish(e, now);
            return new Proto.GetCaseResponse { Case = c.ToProto(caller) };
        }, async (first, caller, ct) => new Proto.GetCaseResponse { Case = await db.SeenToday(first.Case, caller, ct) }, (kind, action));
        return response.Case;
    }

    private static Case NewCase(TracingRequest submission, Proto.ChildRequest item, DateTime now) => new()
    {
        Id = ResourceName.NewId(),
        TracingRequestId = submission.Id,
        RequestingPartyId = submission.RequestingPartyId,
        Child = new Child
        {
            GivenName = item.Child.GivenName.Trim(),
            FamilyName = item.Child.FamilyName.Trim(),
            BirthDate = new DateOnly(item.Child.BirthDate.Year, item.Child.BirthDate.Month, item.Child.BirthDate.Day),
            LastKnownPlace = item.Child.LastKnownPlace.ToDomain(),
            SpecialNeeds = item.Child.SpecialNeeds.Trim(),
        },
        Claimants = item.Claimants.Select(x => new Claimant
        {
            GivenName = x.GivenName.Trim(),
            FamilyName = x.FamilyName.Trim(),
            Relationship = (Relationship)x.Relationship,
            HoldsCustody = x.HoldsCustody,
            Phone = x.Contact.Phone.Trim(),
            Email = x.Contact.Email.Trim(),
            Address = x.Contact.Address.Trim(),
        }).ToList(),
        TraceConsent = item.Consent.Trace.ToDomain(),
        ShareConsent = item.Consent.Share.ToDomain(),
        CreatedAt = now,
        UpdatedAt = now,
        // Its first version: the sequence of the CaseSubmitted event.
        Version = 1,
    };
}
