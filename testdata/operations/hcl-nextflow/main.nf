workflow {
    println "not run by mevflow"
}
