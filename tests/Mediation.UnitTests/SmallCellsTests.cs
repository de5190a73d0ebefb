using Mediation.Requests.Reports;

namespace Mediation.UnitTests;

public class SmallCellsTests
{
    private static string Shown(IReadOnlyList<Cell> cells) =>
        string.Join(", ", cells.Select(c => $"{c.Key}={(c.Figure.Suppressed ? "withheld" : c.Figure.Children.ToString())}"));

    private static IReadOnlyList<Cell> Suppress(params (string, int)[] counts) => SmallCells.Suppress(counts);

    [Fact]
    public void Cells_of_five_or_more_and_empty_cells_are_shown() =>
        Assert.Equal("a=5, b=0, c=40", Shown(Suppress(("a", 5), ("b", 0), ("c", 40))));

    [Fact]
    public void A_lone_small_cell_takes_the_smallest_shown_one_with_it() =>
        Assert.Equal("a=withheld, b=withheld, c=40", Shown(Suppress(("a", 4), ("b", 9), ("c", 40))));

    [Fact]
    public void Small_cells_that_together_hold_fewer_than_five_take_another_with_them() =>
        Assert.Equal("a=withheld, b=withheld, c=withheld, d=40", Shown(Suppress(("a", 1), ("b", 3), ("c", 7), ("d", 40))));

    [Fact]
    public void Small_cells_that_together_hold_five_or_more_stand_alone() =>
        Assert.Equal("a=withheld, b=withheld, c=7", Shown(Suppress(("a", 2), ("b", 3), ("c", 7))));

    [Fact]
    public void Withheld_cells_of_one_child_each_are_not_left_to_be_worked_out()
    {
        // Five withheld cells holding five children: each would be 1. The smallest shown cell goes too.
        Assert.Equal("a=withheld, b=withheld, c=withheld, d=withheld, e=withheld, f=withheld, g=30",
            Shown(Suppress(("a", 1), ("b", 1), ("c", 1), ("d", 1), ("e", 1), ("f", 6), ("g", 30))));
    }

    [Fact]
    public void A_breakdown_that_cannot_be_hidden_cell_by_cell_names_no_cell() =>
        Assert.Equal("=withheld", Shown(Suppress(("a", 1), ("b", 1), ("c", 1), ("d", 1), ("e", 1))));

    [Fact]
    public void Withheld_keys_that_could_point_at_a_child_are_gathered_unnamed() =>
        Assert.Equal("North=12, =withheld", Shown(SmallCells.Suppress([("East", 5), ("North", 12), ("South", 3)], nameWithheld: false)));

    [Fact]
    public void A_withheld_figure_carries_no_number()
    {
        Assert.Equal(Figure.Withheld, Figure.Of(3));
        Assert.Equal(0, Figure.Of(4).Children);
        Assert.Equal(new Figure(0, false), Figure.Of(0));
    }

    [Fact]
    public void Percentiles_are_by_nearest_rank_and_withheld_under_five_reunions()
    {
        var days = Enumerable.Range(1, 10).Select(d => TimeSpan.FromDays(d * 3)).ToList();
        var times = ReunionTimes.Of(days);
        Assert.Equal(TimeSpan.FromDays(15), times.P50);
        Assert.Equal(TimeSpan.FromDays(27), times.P90);
        var few = ReunionTimes.Of(days.Take(4).ToList());
        Assert.True(few.Suppressed);
        Assert.True(few.Reunited.Suppressed);
    }

    [Theory]
    [InlineData(0, "0-4")]
    [InlineData(4, "0-4")]
    [InlineData(5, "5-9")]
    [InlineData(14, "10-14")]
    [InlineData(17, "15-17")]
    [InlineData(18, "18+")]
    public void Ages_fall_in_their_band(int age, string band) => Assert.Equal(band, AgeBand.Of(age));
}
