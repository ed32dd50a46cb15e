package docx

// Shared with the tests of package docx_test.
var (
	UpdateGolden  = update // the -update flag
	FixtureTruths = fixtureTruths
	ReadFixture   = readFixture
	TableCells    = tableCells
)
