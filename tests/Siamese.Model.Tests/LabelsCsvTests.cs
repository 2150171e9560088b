namespace Siamese.Model.Tests;

public class LabelsCsvTests
{
    [Fact]
    public void Quoted_fields_hold_commas_quotes_and_line_breaks_and_the_impostor_flag_reads_every_spelling()
    {
        string csv = "\uFEFFLabel,File,Impostor\r\n" +
                     "alice,\"a, 1.png\",TRUE\r\n" +
                     "\"bob \"\"the builder\"\"\",./b.png,no\r\n" +
                     "\r\n" +
                     "carol,\"c\nd.png\",1\r\n" +
                     "dave,sub\\e.png\r\n" +
                     "erin,f.png,\r\n";

        IReadOnlyList<LabelRow> rows = LabelsCsv.Parse(csv, "labels.csv");

        Assert.Equal(
            [
                new LabelRow("a, 1.png", "alice", true, 2),
                new LabelRow("b.png", "bob \"the builder\"", false, 3),
                new LabelRow("c\nd.png", "carol", true, 5),
                new LabelRow("sub/e.png", "dave", false, 7),
                new LabelRow("f.png", "erin", false, 8),
            ],
            rows);
    }

    [Theory]
    [InlineData("file,label\n../up.png,x\n", "line 2")]
    [InlineData("file,label\n/abs.png,x\n", "line 2")]
    [InlineData("file,label\na.png,\n", "line 2")]
    [InlineData("file,label\na.png,forged\n", "line 2")]
    [InlineData("file,label\na.png,b.png\nb.png,Genuine\n", "line 3")]
    [InlineData("file,label\na.png,a/b\n", "line 2")]
    [InlineData("file,label\na.png,x,extra\n", "line 2")]
    [InlineData("file,label\n\"a\"x.png,x\n", "line 2")]
    [InlineData("file,label,label\n", "line 1")]
    [InlineData("", "line 1")]
    public void A_row_that_cannot_be_read_fails_as_invalid_with_its_line(string csv, string line)
    {
        var error = Assert.Throws<InvalidInputException>(() => LabelsCsv.Parse(csv, "labels.csv"));

        Assert.Equal("labels.invalid", error.Code);
        Assert.Contains(line, error.Message);
    }
}
