using Mediation.BuildingBlocks.Api;
using Mediation.BuildingBlocks.Parties;
using Mediation.Handover.Domain;

namespace Mediation.UnitTests;

public class CustodyTests
{
    private static readonly Party Requester = new("requester-1", "R", PartyKind.Requesting);
    private static readonly Party Holder = new("holder-1", "H", PartyKind.Holding);
    private static readonly Party Mediator = new("mediator", "M", PartyKind.Mediator);
    private static readonly Party Stranger = new("holder-2", "H2", PartyKind.Holding);
    private static readonly Party[] Everyone = [Requester, Holder, Mediator, Stranger];
    private static readonly DateTime Now = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);

    private static (HandoverCase Case, HandoverBatch Batch) Scheduled()
    {
        var batch = new HandoverBatch
        {
            Id = "batch",
            RequestingPartyId = Requester.Id,
            HoldingPartyId = Holder.Id,
            Venue = new Place { Region = "Capital" },
            Legs =
            [
                new CustodyLeg { Number = 1, FromCustodian = Holder.ResourceName, ToCustodian = Mediator.ResourceName, Place = "embassy" },
                new CustodyLeg { Number = 2, FromCustodian = Mediator.ResourceName, ToCustodian = Requester.ResourceName, Place = "crossing" },
                new CustodyLeg { Number = 3, FromCustodian = Requester.ResourceName, ToCustodian = Custodian.Claimant, Place = "home" },
            ],
        };
        var c = new HandoverCase { CaseId = "case", RequestingPartyId = Requester.Id, HoldingPartyId = Holder.Id };
        c.Schedule(batch);
        return (c, batch);
    }

    [Fact]
    public void The_child_stays_with_the_giver_until_the_receiver_acknowledges_too()
    {
        var (c, batch) = Scheduled();
        Assert.False(c.Acknowledge(batch, 1, CustodyRole.Giver, Holder, Now));
        Assert.Equal(Holder.ResourceName, c.CurrentCustodian(batch));
        Assert.True(c.Acknowledge(batch, 1, CustodyRole.Receiver, Mediator, Now));
        Assert.Equal(Mediator.ResourceName, c.CurrentCustodian(batch));
    }

    [Fact]
    public void Only_the_legs_own_sides_may_acknowledge_it()
    {
        var (c, batch) = Scheduled();
        Assert.Throws<NotPermitted>(() => c.Acknowledge(batch, 1, CustodyRole.Giver, Mediator, Now));
        Assert.Throws<NotPermitted>(() => c.Acknowledge(batch, 1, CustodyRole.Receiver, Stranger, Now));
        Assert.Equal(LegProgress.Open, c.CurrentLeg);
    }

    [Fact]
    public void Legs_are_done_in_order()
    {
        var (c, batch) = Scheduled();
        Assert.Throws<TransitionRefused>(() => c.Acknowledge(batch, 2, CustodyRole.Giver, Mediator, Now));
    }

    [Fact]
    public void The_requesting_party_acknowledges_the_claimants_receipt_and_the_child_is_reunited()
    {
        var (c, batch) = Scheduled();
        foreach (var (leg, giver, receiver) in new[] { (1, Holder, Mediator), (2, Mediator, Requester), (3, Requester, Requester) })
        {
            c.Acknowledge(batch, leg, CustodyRole.Receiver, receiver, Now);
            c.Acknowledge(batch, leg, CustodyRole.Giver, giver, Now);
        }
        Assert.Equal(HandoverCaseState.Reunited, c.State);
        Assert.Equal(Custodian.Claimant, c.CurrentCustodian(batch));
        Assert.Equal(Now, c.ReunitedAt);
    }

    [Fact]
    public void A_held_back_child_stays_with_its_custodian_and_takes_no_acknowledgement_until_released()
    {
        var (c, batch) = Scheduled();
        c.Acknowledge(batch, 1, CustodyRole.Giver, Holder, Now);
        c.HoldBack();
        Assert.Equal(Holder.ResourceName, c.CurrentCustodian(batch));
        Assert.Throws<TransitionRefused>(() => c.Acknowledge(batch, 1, CustodyRole.Receiver, Mediator, Now));
        c.Release();
        Assert.True(c.Acknowledge(batch, 1, CustodyRole.Receiver, Mediator, Now));
        Assert.Equal(Mediator.ResourceName, c.CurrentCustodian(batch));
    }

    /// <summary>
    /// Property: whatever sequence of acknowledgements, holds and releases arrives — right or wrong party,
    /// role or leg — the child is always with exactly one custodian of the chain, custody only ever moves
    /// one leg forward, it moves only after both of that leg's sides acknowledged, and never while held back.
    /// </summary>
    [Fact]
    public void Custody_is_always_with_exactly_one_custodian_under_random_acknowledgements()
    {
        for (var seed = 0; seed < 500; seed++)
        {
            var random = new Random(seed);
            var (c, batch) = Scheduled();
            var chain = new[] { Holder.ResourceName, Mediator.ResourceName, Requester.ResourceName, Custodian.Claimant };
            var acknowledged = new HashSet<(int Leg, CustodyRole Role)>();
            for (var step = 0; step < 60 && c.State is HandoverCaseState.InTransfer or HandoverCaseState.HeldBack; step++)
            {
                var before = c.CurrentCustodian(batch);
                var party = Everyone[random.Next(Everyone.Length)];
                var role = random.Next(2) == 0 ? CustodyRole.Giver : CustodyRole.Receiver;
                var leg = random.Next(0, 5);
                var heldBefore = c.State == HandoverCaseState.HeldBack;
                var accepted = true;
                try
                {
                    switch (random.Next(10))
                    {
                        case 0: c.HoldBack(); accepted = false; break;
                        case 1: c.Release(); accepted = false; break;
                        default: c.Acknowledge(batch, leg, role, party, Now); break;
                    }
                }
                catch (Refusal)
                {
                    accepted = false;
                }
                if (accepted)
                {
                    Assert.False(heldBefore, $"seed {seed}: a held-back child was acknowledged");
                    Assert.True(acknowledged.Add((leg, role)), $"seed {seed}: leg {leg} {role} accepted twice");
                }
                var after = c.CurrentCustodian(batch);
                Assert.Single(chain, x => x == after);
                var moved = Array.IndexOf(chain, after) - Array.IndexOf(chain, before);
                Assert.InRange(moved, 0, 1);
                if (moved == 1)
                    Assert.True(acknowledged.Contains((leg, CustodyRole.Giver)) && acknowledged.Contains((leg, CustodyRole.Receiver)),
                        $"seed {seed}: custody moved on leg {leg} without both sides");
            }
        }
    }
}
