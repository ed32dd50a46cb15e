package schema

// The names people read for the contract's codes. The codes themselves stay
// in JSON and CSV; these are for text output, stderr and the pages.

var severityNames = map[Severity]Bilingual{
	SeverityError:   {"错误", "error"},
	SeverityWarning: {"警告", "warning"},
}

// Name is the severity as a person reads it: 错误, 警告.
func (s Severity) Name(l Lang) string {
	if n, ok := severityNames[s]; ok {
		return n.In(l)
	}
	return string(s)
}

var statusNames = map[Status]Bilingual{
	StatusOK:        {"正常", "ok"},
	StatusPartial:   {"部分读取", "partly read"},
	StatusLegacy:    {"旧版（无统计表）", "legacy (no national tables)"},
	StatusFailed:    {"读取失败", "failed"},
	StatusDuplicate: {"重复文件", "duplicate"},
	StatusSkipped:   {"非报告（跳过）", "not a report (skipped)"},
}

// Name is the status as a person reads it: 正常, 部分读取, 读取失败 ….
func (s Status) Name(l Lang) string {
	if n, ok := statusNames[s]; ok {
		return n.In(l)
	}
	return string(s)
}

var errorCodeNames = map[ErrorCode]Bilingual{
	ErrUnreadable:        {"无法读取", "unreadable"},
	ErrEncrypted:         {"文件已加密", "encrypted"},
	ErrUnsupportedFormat: {"不支持的文件格式", "unsupported format"},
	ErrNotAReport:        {"不是年度报告", "not an annual report"},
	ErrNoTextLayer:       {"没有文字层（扫描件）", "no text layer (a scan)"},
	ErrUndecodableText:   {"文字无法解码", "text cannot be decoded"},
	ErrTooLarge:          {"文件过大", "too large"},
	ErrTimeout:           {"读取超时", "timed out"},
	ErrAmbiguous:         {"统计表无法确定", "tables ambiguous"},
	ErrInternal:          {"内部错误", "internal error"},
	ErrOCRUnavailable:    {"需要文字识别但未安装", "needs OCR, which is not installed"},
}

// Name is the error code as a person reads it: 文件已加密, 文件过大 ….
func (c ErrorCode) Name(l Lang) string {
	if n, ok := errorCodeNames[c]; ok {
		return n.In(l)
	}
	return string(c)
}
