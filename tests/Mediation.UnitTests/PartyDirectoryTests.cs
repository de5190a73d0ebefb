using Mediation.BuildingBlocks.Parties;
using Microsoft.Extensions.Configuration;

namespace Mediation.UnitTests;

public class PartyDirectoryTests
{
    private static PartyDirectory From(Dictionary<string, string?> settings) =>
        PartyDirectory.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    [Fact]
    public void A_party_is_known_by_the_hash_of_its_key_and_the_key_itself_need_not_be_stored()
    {
        var directory = From(new()
        {
            ["Parties:holder-1:Kind"] = "Holding",
            ["Parties:holder-1:ApiKeySha256"] = PartyDirectory.HashKey("s3cret"),
            ["Parties:mediator:Kind"] = "Mediator",
            ["Parties:mediator:ApiKey"] = "demo",
        });
        Assert.Equal(new Party("holder-1", "holder-1", PartyKind.Holding), directory.FindByApiKey("s3cret"));
        Assert.Equal("mediator", directory.FindByApiKey("demo")?.Id);
        Assert.Null(directory.FindByApiKey("S3CRET"));
        Assert.Equal(PartyKind.Holding, directory.FindByResourceName("parties/holder-1")?.Kind);
        Assert.Null(directory.FindByResourceName("holder-1"));
    }

    [Theory]
    [InlineData("Kind", "Boss", "needs a Kind")]
    [InlineData("Name", "no key given", "needs an ApiKeySha256")]
    public void A_party_without_a_kind_or_a_key_stops_the_service_at_start(string setting, string value, string message)
    {
        var settings = new Dictionary<string, string?> { ["Parties:x:Kind"] = "Observer", ["Parties:x:ApiKey"] = "k" };
        if (setting == "Kind")
            settings["Parties:x:Kind"] = value;
        else
            settings.Remove("Parties:x:ApiKey");
        var e = Assert.Throws<InvalidOperationException>(() => From(settings));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Two_parties_sharing_a_key_are_refused() =>
        Assert.Throws<InvalidOperationException>(() => From(new()
        {
            ["Parties:a:Kind"] = "Requesting",
            ["Parties:a:ApiKey"] = "same",
            ["Parties:b:Kind"] = "Holding",
            ["Parties:b:ApiKey"] = "same",
        }));
}
