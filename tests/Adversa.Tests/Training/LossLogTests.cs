using Adversa.Training;
using Adversa.Training.Outputs;

namespace Adversa.Tests.Training;

public sealed class LossLogTests
{
    [Fact]
    public void A_row_without_one_of_the_headers_values_leaves_its_cell_empty_and_a_resume_keeps_it_so()
    {
        using var temp = new TempDirectory();
        var path = temp.File("losses.csv");
        using (var log = LossLog.Create(path))
        {
            log.Append(new LossRecord(1, 1, -0.5, 0.25, [new("gp", 16), new("wasserstein", 0.5)]));
            log.Append(new LossRecord(2, 1, -1, 0.5, [new("wasserstein", 1)]));
            log.Append(new LossRecord(3, 1, -2, 1, [new("gp", 4), new("wasserstein", 2)]));
            log.Flush();
        }
        const string expected = "iteration,epoch,d_loss,g_loss,gp,wasserstein\n1,1,-0.5,0.25,16,0.5\n2,1,-1,0.5,,1\n";
        Assert.Equal(expected + "3,1,-2,1,4,2\n", File.ReadAllText(path));

        var rows = LossLog.Read(path);
        Assert.Equal([16, null, 4], rows.Select(r => r.Scalar("gp")));
        Assert.Equal([0.5, 1, 2], rows.Select(r => r.Scalar("wasserstein")));

        // A resume from iteration 2 rewrites the rows it keeps, the empty cell included.
        using (LossLog.Resume(path, lastIteration: 2)) { }
        Assert.Equal(expected, File.ReadAllText(path));
    }

    [Fact]
    public void A_row_with_a_value_the_header_lacks_is_refused()
    {
        using var temp = new TempDirectory();
        using var log = LossLog.Create(temp.File("losses.csv"));
        log.Append(new LossRecord(1, 1, 0, 0, [new("wasserstein", 1)]));
        var error = Assert.Throws<InvalidOperationException>(() => log.Append(new LossRecord(2, 1, 0, 0, [new("gp", 1), new("wasserstein", 1)])));
        Assert.Contains("'gp'", error.Message);
    }
}
