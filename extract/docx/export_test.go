package docx

// UpdateGolden is the -update flag, for the tests of package docx_test.
var UpdateGolden = update
