workflow ConcatCount {

    File f1
    File f2
    String label = "merged"

    call concat {
        input:
            f1 = f1,
            f2 = f2,
            output_filename = label + ".tsv"
    }

    call count_rows {
        input:
            table = concat.fout
    }

    output {
        File output = concat.fout
        Int rows = count_rows.n
    }
}

task concat {
    File f1
    File f2

    Int disk_size = 10
    String output_filename = 'final.txt'

    command {
        cat ${f1} ${f2} > ${output_filename}
    }

    output {
        File fout = "${output_filename}"
    }

    runtime {
        docker: "docker.io/ubuntu:bionic"
        cpu: 1
        memory: "4 G"
        disks: "local-disk " + disk_size + " HDD"
    }
}

task count_rows {
    File table

    command <<<
        tail -n +2 ${table} | wc -l
    >>>

    output {
        Int n = read_int(stdout())
    }

    runtime {
        docker: "docker.io/ubuntu:bionic"
        cpu: 1
        memory: "1 G"
    }
}
