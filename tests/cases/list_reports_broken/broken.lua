-- another board of the folder, half written: it does not declare t4
board "other" {
  arch = ,
}
